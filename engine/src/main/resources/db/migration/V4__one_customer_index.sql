-- decision_by_customer_received starts with the customer, so it finds a customer's decisions as
-- well; one index on a random key fewer for every group commit to rewrite.
DROP INDEX decision_by_customer;
