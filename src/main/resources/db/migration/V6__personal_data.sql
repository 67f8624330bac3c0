-- Issue 14, personal data and lookups (docs/security.md).
-- status_token: a random token per submission (43 characters of base64url, 256 bits) that opens its
--   status page without the e-mail address (the success dialog's and the acknowledgement's link).
--   Submissions from before this version have none: they are looked up with their e-mail.
-- api_client: the short digest of the API key a submission came with (ApiKeys.clientIdOf), so that a
--   key reads only its own submissions. Recovered below for earlier API submissions that carried an
--   Idempotency-Key (whose stored form is API:<client>:<key>); the others stay unreadable by the API.
-- anonymised_at: when the personal data of the row was blanked (retention or a data-subject request).
ALTER TABLE submission ADD COLUMN status_token VARCHAR(64);
ALTER TABLE submission ADD COLUMN api_client VARCHAR(64);
ALTER TABLE submission ADD COLUMN anonymised_at TIMESTAMP;
CREATE UNIQUE INDEX submission_status_token_uq ON submission (status_token);
CREATE INDEX submission_anonymised_ix ON submission (anonymised_at, delivered_at);
UPDATE submission SET api_client = SUBSTRING(idempotency_key, 5, 16)
    WHERE channel = 'API' AND idempotency_key LIKE 'API:%' AND LENGTH(idempotency_key) > 21;
