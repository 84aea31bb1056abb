-- Every rule set that ever decided anything, by version, so that any decision can be replayed.
CREATE TABLE rule_set_source (
    rule_set_version VARCHAR(64)      NOT NULL,
    name             VARCHAR(500)     NOT NULL,
    drl              VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (rule_set_version, name)
);

-- One row per feedback: the feedback and its decision are written together or not at all.
-- Decision ids are UUID version 7 whose time is the decision time: the table grows at its end,
-- so a group commit rewrites few pages of it, and a time range is a range of ids.
CREATE TABLE decision (
    decision_id      UUID             NOT NULL PRIMARY KEY,
    feedback_id      VARCHAR(200)     NOT NULL UNIQUE,
    customer_id      VARCHAR(200)     NOT NULL,
    received_at      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    decided_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    rule_set_version VARCHAR(64)      NOT NULL,
    feedback         VARCHAR(1000000) NOT NULL,
    fired_rules      VARCHAR(1000000) NOT NULL,
    actions          VARCHAR(1000000) NOT NULL,
    -- The tamper-evident chain: records in the order written, each hashed, each link hashed
    -- over the previous link and the record. The record's hash covers the feedback through its
    -- own hash, so that personal data can later be erased without breaking the chain.
    feedback_hash    VARCHAR(64)      NOT NULL,
    chain_seq        BIGINT           NOT NULL UNIQUE,
    record_hash      VARCHAR(64)      NOT NULL,
    chain_hash       VARCHAR(64)      NOT NULL
);

CREATE INDEX decision_by_customer ON decision (customer_id);
