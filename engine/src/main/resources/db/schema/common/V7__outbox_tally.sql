-- How many delivered deliveries the outbox keeps, added to as they are recorded and taken from as
-- they are forgotten. Counting them read every one of them, a month's by default, each time the
-- outbox was counted (every 15 s, and on every look at the console's outbox page).
CREATE TABLE outbox_tally (
    id        INT    NOT NULL PRIMARY KEY,
    delivered BIGINT NOT NULL
);
INSERT INTO outbox_tally (id, delivered) VALUES (1, (SELECT COUNT(*) FROM outbox_delivery WHERE state = 'DELIVERED'));
