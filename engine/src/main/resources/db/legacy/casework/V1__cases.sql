-- Follow-up cases (issue #4). A case is opened, added to and escalated in the transaction of the
-- decision that asks for it, so it is as durable as the decision; people then acknowledge,
-- resolve, reassign or cancel it. Its history is the case_event rows.
CREATE TABLE case_file (
    case_id      UUID         NOT NULL PRIMARY KEY,
    customer_id  VARCHAR(200) NOT NULL,
    promise      VARCHAR(200) NOT NULL,
    owner        VARCHAR(200) NOT NULL,
    priority     VARCHAR(10)  NOT NULL,
    state        VARCHAR(20)  NOT NULL,
    -- when the feedback was given: the promise's time runs from here
    received_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    opened_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    due_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    -- when it was resolved or cancelled
    closed_at    TIMESTAMP(9) WITH TIME ZONE,
    outcome      VARCHAR(20),
    note         VARCHAR(4000),
    -- the escalation stages decided for it, comma-separated
    stages       VARCHAR(2000) NOT NULL,
    recovered_at TIMESTAMP(9) WITH TIME ZONE,
    decision_id  UUID         NOT NULL
);
CREATE INDEX case_by_customer ON case_file (customer_id);
CREATE INDEX case_by_state ON case_file (state, due_at);
CREATE INDEX case_by_received ON case_file (received_at);

CREATE TABLE case_event (
    case_id     UUID          NOT NULL,
    seq         INT           NOT NULL,
    at          TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    kind        VARCHAR(30)   NOT NULL,
    actor       VARCHAR(200)  NOT NULL,
    detail      VARCHAR(4000),
    decision_id UUID,
    PRIMARY KEY (case_id, seq)
);

-- Each thank-you and aftercare a decision asked for, at its time: the customer's last contact,
-- which the contact-frequency cap reads, found without reading the customer's decisions.
CREATE TABLE customer_contact (
    customer_id VARCHAR(200) NOT NULL,
    at          TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    type        VARCHAR(20)  NOT NULL,
    decision_id UUID         NOT NULL
);
CREATE INDEX contact_by_customer ON customer_contact (customer_id, at);
