-- A decision about a customer reads their open cases and the ones closed lately (their context).
-- By customer alone, the index had both stores read every case the customer ever had, a cost that
-- grew with the log; by customer and closing time (none while a case is open) they read only the
-- rows they answer.
DROP INDEX case_by_customer;
CREATE INDEX case_by_customer_closed ON case_file (customer_id, closed_at);
