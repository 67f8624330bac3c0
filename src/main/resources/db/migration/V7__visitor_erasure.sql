-- Issue 14, data-subject requests: one row per erasure an administrator carried out. The address
-- itself is not kept: its SHA-256 (of the lower-cased address, to recognise a repeated request) and a
-- masked form for people (i***@e***.ru).
CREATE TABLE visitor_erasure (
    id             VARCHAR(36)  NOT NULL,
    erased_at      TIMESTAMP    NOT NULL,
    erased_by      VARCHAR(200) NOT NULL,
    email_sha256   VARCHAR(64)  NOT NULL,
    email_masked   VARCHAR(254) NOT NULL,
    submissions    INTEGER      NOT NULL,
    undelivered    INTEGER      NOT NULL,
    case_numbers   VARCHAR(2000),
    CONSTRAINT visitor_erasure_pk PRIMARY KEY (id)
);
CREATE INDEX visitor_erasure_at_ix ON visitor_erasure (erased_at);
