-- Every request made to the CRM while delivering a submission (issue 6: the admin area shows a
-- submission's calls). Written as each call ends, in a transaction of its own.
CREATE TABLE crm_call (
    id            VARCHAR(36)  NOT NULL,
    submission_id VARCHAR(36)  NOT NULL,
    operation     VARCHAR(100) NOT NULL,
    status        INTEGER      NOT NULL,
    duration_ms   BIGINT       NOT NULL,
    called_at     TIMESTAMP    NOT NULL,
    CONSTRAINT crm_call_pk PRIMARY KEY (id)
);
CREATE INDEX crm_call_submission_ix ON crm_call (submission_id, called_at);
