-- Lupaus's schema, one history for every database (docs/storage.md). Portable SQL: H2 and
-- PostgreSQL both run this file. What must differ per database goes to db/schema/<vendor>.
-- A store made before there was one history (five histories, H2 only) is brought to the same
-- schema by its own old migrations (db/legacy) and then baselined at this version.

-- Every rule set that ever decided anything, by version, so that any decision can be replayed.
CREATE TABLE rule_set_source (
    rule_set_version VARCHAR(64)      NOT NULL,
    name             VARCHAR(500)     NOT NULL,
    drl              VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (rule_set_version, name)
);

-- One row per decision: the feedback (or a sweep's input) and its decision are written together
-- or not at all. Decision ids are UUID version 7 whose time is the decision time: the table grows
-- at its end, and a time range is a range of ids. feedback_id is the decision's idempotency key.
CREATE TABLE decision (
    decision_id      UUID             NOT NULL PRIMARY KEY,
    feedback_id      VARCHAR(200)     NOT NULL UNIQUE,
    customer_id      VARCHAR(200)     NOT NULL,
    received_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    decided_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    rule_set_version VARCHAR(64)      NOT NULL,
    -- NULL for decisions whose input is not one feedback (a case coming due)
    feedback         VARCHAR(1000000),
    fired_rules      VARCHAR(1000000) NOT NULL,
    actions          VARCHAR(1000000) NOT NULL,
    -- The tamper-evident chain: records in the order written, each hashed, each link hashed over
    -- the previous link and the record. The record's hash covers the feedback through its own
    -- hash, so that personal data can later be erased without breaking the chain.
    feedback_hash    VARCHAR(64)      NOT NULL,
    chain_seq        BIGINT           NOT NULL UNIQUE,
    record_hash      VARCHAR(64)      NOT NULL,
    chain_hash       VARCHAR(64)      NOT NULL,
    -- JSON of the DecisionContext, or NULL when the rules were given the feedback alone
    context          VARCHAR(1000000),
    -- What the scoreboard and the customer history read without parsing the feedback
    survey           VARCHAR(10),
    score            INT,
    touchpoint       VARCHAR(20),
    phase            VARCHAR(20),
    complaint        BOOLEAN,
    -- 2: the record's hashes cover every column an answer reads; NULL: written before that
    record_format    SMALLINT
);
CREATE INDEX decision_by_received ON decision (received_at);
-- A customer's latest answers are read newest first with every new feedback of theirs: the
-- index holds every column that read needs, newest first, so it stops at the limit.
CREATE INDEX decision_by_customer_received
    ON decision (customer_id, received_at DESC, survey, score, complaint, feedback_id);

-- The chain's head after each commit, signed with LUPAUS_CHAIN_KEY, which the database never holds.
CREATE TABLE chain_checkpoint (
    chain_seq  BIGINT      NOT NULL PRIMARY KEY,
    chain_hash VARCHAR(64) NOT NULL,
    mac        VARCHAR(64) NOT NULL,
    written_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Follow-up cases, opened, added to and escalated in the transaction of the decision that asks
-- for it; people then acknowledge, resolve, reassign or cancel them. Their history is case_event.
CREATE TABLE case_file (
    case_id      UUID         NOT NULL PRIMARY KEY,
    customer_id  VARCHAR(200) NOT NULL,
    promise      VARCHAR(200) NOT NULL,
    owner        VARCHAR(200) NOT NULL,
    priority     VARCHAR(10)  NOT NULL,
    state        VARCHAR(20)  NOT NULL,
    received_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    opened_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    due_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    closed_at    TIMESTAMP(6) WITH TIME ZONE,
    outcome      VARCHAR(20),
    note         VARCHAR(4000),
    -- the escalation stages decided for it, comma-separated
    stages       VARCHAR(2000) NOT NULL,
    recovered_at TIMESTAMP(6) WITH TIME ZONE,
    decision_id  UUID         NOT NULL
);
CREATE INDEX case_by_customer ON case_file (customer_id);
CREATE INDEX case_by_state ON case_file (state, due_at);
CREATE INDEX case_by_received ON case_file (received_at);

CREATE TABLE case_event (
    case_id     UUID          NOT NULL,
    seq         INT           NOT NULL,
    at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    kind        VARCHAR(30)   NOT NULL,
    actor       VARCHAR(200)  NOT NULL,
    detail      VARCHAR(4000),
    decision_id UUID,
    PRIMARY KEY (case_id, seq)
);

-- Each thank-you and aftercare a decision asked for: the customer's last contact, which the
-- contact-frequency cap reads newest first from the index alone.
CREATE TABLE customer_contact (
    customer_id VARCHAR(200) NOT NULL,
    at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    type        VARCHAR(20)  NOT NULL,
    decision_id UUID         NOT NULL
);
CREATE INDEX contact_by_customer ON customer_contact (customer_id, at DESC, type);

-- How far the outbox has read the decision log: every decision up to last_seq has its deliveries.
CREATE TABLE outbox_cursor (
    id       INT    NOT NULL PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
INSERT INTO outbox_cursor (id, last_seq) VALUES (1, 0);

-- One row per action and handler; the action itself is read from its decision when delivered.
CREATE TABLE outbox_delivery (
    id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    delivery_id     VARCHAR(400) NOT NULL UNIQUE,
    seq             BIGINT       NOT NULL,
    decision_id     VARCHAR(36)  NOT NULL,
    action_index    INT          NOT NULL,
    action_type     VARCHAR(40)  NOT NULL,
    handler         VARCHAR(200) NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP(6) WITH TIME ZONE,
    last_error      VARCHAR(2000)
);
CREATE INDEX outbox_due ON outbox_delivery (state, next_attempt_at);
CREATE INDEX outbox_delivered ON outbox_delivery (state, delivered_at);

-- People who sign in to the console, with one role each. Passwords are PBKDF2 hashes.
CREATE TABLE console_user (
    username      VARCHAR(100) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(500) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(200) NOT NULL
);

-- API tokens of backend systems and scripts; only the SHA-256 of a token is kept.
CREATE TABLE api_token (
    token_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    role         VARCHAR(20)  NOT NULL,
    secret_hash  VARCHAR(64)  NOT NULL UNIQUE,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    revoked_at   TIMESTAMP(6) WITH TIME ZONE
);

-- Who changed what, and when: users, tokens, rules, plugins.
CREATE TABLE audit_event (
    seq     BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor   VARCHAR(200) NOT NULL,
    action  VARCHAR(100) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    detail  VARCHAR(2000)
);

-- Every rule set people or packs made, with who made it and why; the sources are rule_set_source.
CREATE TABLE rule_set_version (
    version    VARCHAR(64)   NOT NULL PRIMARY KEY,
    author     VARCHAR(200)  NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    comment    VARCHAR(2000) NOT NULL,
    based_on   VARCHAR(64)
);

-- Test scenarios saved with a rule set: given feedback, expected actions.
CREATE TABLE rule_set_scenario (
    version  VARCHAR(64)     NOT NULL,
    name     VARCHAR(200)    NOT NULL,
    scenario VARCHAR(100000) NOT NULL,
    PRIMARY KEY (version, name)
);

-- Every deploy and rollback in order; the last one is live.
CREATE TABLE rule_set_deployment (
    seq         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    version     VARCHAR(64)   NOT NULL,
    deployed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    deployed_by VARCHAR(200)  NOT NULL,
    kind        VARCHAR(20)   NOT NULL,
    comment     VARCHAR(2000) NOT NULL
);

-- Shadow runs: a version decides live feedback beside the live one, and only the live one acts.
CREATE TABLE shadow_run (
    run_id     BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    version    VARCHAR(64)  NOT NULL,
    started_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_by VARCHAR(200) NOT NULL,
    stopped_at TIMESTAMP(6) WITH TIME ZONE
);

-- Each live decision the shadow version would have decided otherwise.
CREATE TABLE shadow_difference (
    run_id         BIGINT          NOT NULL,
    decision_id    UUID            NOT NULL,
    live_actions   VARCHAR(100000) NOT NULL,
    shadow_actions VARCHAR(100000) NOT NULL,
    shadow_rules   VARCHAR(100000) NOT NULL,
    PRIMARY KEY (run_id, decision_id)
);
