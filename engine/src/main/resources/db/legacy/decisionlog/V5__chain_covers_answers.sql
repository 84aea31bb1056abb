-- Issue #11. Format 2 records cover every column an answer reads: the key and the customer id
-- through the input's hash, the answer's columns (received_at, survey, score, touchpoint, phase,
-- complaint) through the record's hash. NULL: a row written before, in format 1, whose columns
-- verify checks against its feedback instead (and, once erased, cannot check).
ALTER TABLE decision ADD COLUMN record_format SMALLINT;

-- The chain's head after each commit, signed with LUPAUS_CHAIN_KEY (HMAC-SHA256 over the place
-- and the link), which the database never holds: rewriting records with their hashes and links
-- recomputed no longer verifies. Written only when the server has the key.
CREATE TABLE chain_checkpoint (
    chain_seq  BIGINT      NOT NULL PRIMARY KEY,
    chain_hash VARCHAR(64) NOT NULL,
    mac        VARCHAR(64) NOT NULL,
    written_at TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
