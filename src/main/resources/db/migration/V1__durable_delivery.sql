-- Submissions, their attachments, the outbox and the ticket workflow's step results.
-- Plain SQL that H2 2.x and PostgreSQL both accept. Ids are UUIDs assigned by the application,
-- kept as text so that every driver and JPA provider binds them the same way.

CREATE SEQUENCE submission_reference_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE submission (
    id                   VARCHAR(36)   NOT NULL,
    reference            VARCHAR(32)   NOT NULL,
    idempotency_key      VARCHAR(300),
    channel              VARCHAR(8)    NOT NULL,
    name                 VARCHAR(200)  NOT NULL,
    email                VARCHAR(254)  NOT NULL,
    phone                VARCHAR(100),
    phone_normalised     VARCHAR(16),
    organisation         VARCHAR(250)  NOT NULL,
    inn                  VARCHAR(12),
    service              VARCHAR(250)  NOT NULL,
    subject              VARCHAR(250)  NOT NULL,
    description          VARCHAR(5000) NOT NULL,
    locale               VARCHAR(35)   NOT NULL,
    client_ip            VARCHAR(64),
    user_agent           VARCHAR(1000),
    consent_given_at     TIMESTAMP     NOT NULL,
    consent_text_version VARCHAR(100)  NOT NULL,
    received_at          TIMESTAMP     NOT NULL,
    case_id              VARCHAR(36),
    case_number          VARCHAR(64),
    contact_id           VARCHAR(36),
    account_id           VARCHAR(36),
    delivered_at         TIMESTAMP,
    ack_started_at       TIMESTAMP,
    ack_sent_at          TIMESTAMP,
    CONSTRAINT submission_pk PRIMARY KEY (id),
    CONSTRAINT submission_reference_uq UNIQUE (reference),
    CONSTRAINT submission_idempotency_uq UNIQUE (idempotency_key)
);
CREATE INDEX submission_case_number_ix ON submission (case_number);
CREATE INDEX submission_delivered_at_ix ON submission (delivered_at);

CREATE TABLE attachment (
    id            VARCHAR(36)  NOT NULL,
    submission_id VARCHAR(36)  NOT NULL,
    ordinal       INTEGER      NOT NULL,
    file_name     VARCHAR(255) NOT NULL,
    media_type    VARCHAR(255) NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    sha256        VARCHAR(64)  NOT NULL,
    storage_key   VARCHAR(255) NOT NULL,
    removed_at    TIMESTAMP,
    CONSTRAINT attachment_pk PRIMARY KEY (id),
    CONSTRAINT attachment_submission_fk FOREIGN KEY (submission_id) REFERENCES submission (id)
);
CREATE INDEX attachment_submission_ix ON attachment (submission_id);

-- One row per piece of work to do after the intake's commit. A row is claimed by setting a lease
-- with a conditional UPDATE, which is safe with several Casegate nodes on one database.
CREATE TABLE outbox_entry (
    id              VARCHAR(36)   NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    subject_id      VARCHAR(36)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP     NOT NULL,
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP,
    last_error      VARCHAR(2000),
    created_at      TIMESTAMP     NOT NULL,
    completed_at    TIMESTAMP,
    CONSTRAINT outbox_entry_pk PRIMARY KEY (id),
    CONSTRAINT outbox_entry_kind_subject_uq UNIQUE (kind, subject_id)
);
CREATE INDEX outbox_entry_due_ix ON outbox_entry (state, next_attempt_at);

-- The ticket workflow's completed steps for a submission (TicketProgress), so that a delivery
-- interrupted by a crash or an outage resumes instead of starting over.
CREATE TABLE delivery_step (
    submission_id VARCHAR(36)   NOT NULL,
    step          VARCHAR(100)  NOT NULL,
    result        VARCHAR(1000),
    completed_at  TIMESTAMP     NOT NULL,
    CONSTRAINT delivery_step_pk PRIMARY KEY (submission_id, step)
);
