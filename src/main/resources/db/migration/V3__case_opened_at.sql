-- When the case got its number: the visitor learns it then, while the message and files follow.
ALTER TABLE submission ADD COLUMN case_opened_at TIMESTAMP;
UPDATE submission SET case_opened_at = delivered_at WHERE case_number IS NOT NULL;
