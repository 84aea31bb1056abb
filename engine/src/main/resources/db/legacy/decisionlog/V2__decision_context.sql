-- Decisions whose input is not one feedback (a case coming due, issue #4), and the context the
-- rules were given besides the feedback (the customer's recent history), kept with the decision.
-- feedback_id is from now on the decision's idempotency key: the feedback id, or a sweep's key.
ALTER TABLE decision ALTER COLUMN feedback SET NULL;
-- JSON of the DecisionContext, or NULL when the rules were given the feedback alone.
ALTER TABLE decision ADD COLUMN context VARCHAR(1000000);
-- What the scoreboard counts, readable without parsing the feedback; NULL for sweep decisions.
ALTER TABLE decision ADD COLUMN survey VARCHAR(10);
ALTER TABLE decision ADD COLUMN score INT;
ALTER TABLE decision ADD COLUMN touchpoint VARCHAR(20);
ALTER TABLE decision ADD COLUMN phase VARCHAR(20);
ALTER TABLE decision ADD COLUMN complaint BOOLEAN;
CREATE INDEX decision_by_received ON decision (received_at);
-- A customer's latest answers, newest first, without reading all of a customer's history.
CREATE INDEX decision_by_customer_received ON decision (customer_id, received_at);
