-- The chain's end, in one row. Every group commit of every server locks it first (SELECT … FOR
-- UPDATE) and moves it in the same transaction: decisions written by any number of servers on one
-- database form one chain with no fork and no gap, and a feedback id taken by another server's
-- commit is seen before it could be written twice (docs/cluster.md).
CREATE TABLE chain_head (
    id        INT         NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_link VARCHAR(64) NOT NULL
);
INSERT INTO chain_head (id, last_seq, last_link) VALUES (1,
    COALESCE((SELECT MAX(chain_seq) FROM decision), 0),
    COALESCE((SELECT chain_hash FROM decision WHERE chain_seq = (SELECT MAX(chain_seq) FROM decision)),
             '0000000000000000000000000000000000000000000000000000000000000000'));
