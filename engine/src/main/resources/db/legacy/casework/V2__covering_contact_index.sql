-- The contact-frequency cap reads a customer's last contact with every new feedback of theirs.
-- Newest first, with the contact's type in it, the index answers that read from its first row:
-- no lookup in the table, and no reading of all of a customer's contacts to find the latest.
DROP INDEX contact_by_customer;
CREATE INDEX contact_by_customer ON customer_contact (customer_id, at DESC, type);
