-- The contact-frequency cap reads a customer's last contact with every new feedback of theirs: the
-- index holds the contact's type too, so the read is answered from the index alone, without a
-- lookup in the table for each of the customer's contacts (the costliest read of a decision's
-- context before this).
DROP INDEX contact_by_customer;
CREATE INDEX contact_by_customer ON customer_contact (customer_id, at, type);
