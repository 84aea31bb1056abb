-- Delivered rows are forgotten after a while, oldest first: find them without reading the rest.
CREATE INDEX outbox_delivered ON outbox_delivery (state, delivered_at);
