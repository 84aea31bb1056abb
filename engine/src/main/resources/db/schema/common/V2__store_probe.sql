-- The row the store watch writes at each interval to learn that the store takes writes. Made by
-- the watch itself before there was one migration history; made here from now on.
DROP TABLE IF EXISTS store_probe;
CREATE TABLE store_probe (
    id        INT NOT NULL PRIMARY KEY,
    probed_at TIMESTAMP(6) WITH TIME ZONE
);
INSERT INTO store_probe (id, probed_at) VALUES (1, NULL);
