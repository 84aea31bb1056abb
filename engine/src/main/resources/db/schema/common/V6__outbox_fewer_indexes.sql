-- Each delivery moved entries of three indexes beside its row, twice (created, then delivered),
-- and H2 writes every page a commit changed. A delivery's id is its decision, action and handler,
-- computed when read: no column, no unique index (one dispatcher at a time, under the cursor's
-- lock, is what keeps deliveries unique). A delivered delivery's due time becomes its delivery
-- time, and it is forgotten in that order, by outbox_due.
ALTER TABLE outbox_delivery DROP COLUMN delivery_id;
DROP INDEX outbox_delivered;
UPDATE outbox_delivery SET next_attempt_at = delivered_at WHERE state = 'DELIVERED';
