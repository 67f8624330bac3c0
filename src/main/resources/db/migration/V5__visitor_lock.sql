-- Deliveries of one visitor take turns at finding or creating the contact and the organisation
-- (issue 13): a delivery holds the keys of its visitor (e-mail, phone, organisation) from before its
-- contact search until its contact step is recorded. A key is held by inserting its row; a second
-- insert meets the primary key and waits its turn. A lease that ran out (a crashed node) may be taken
-- over. The keys are SHA-256 hashes, so that no e-mail address or phone number sits in this table.
CREATE TABLE visitor_lock (
    lock_key   VARCHAR(64) NOT NULL,
    holder     VARCHAR(36) NOT NULL,
    held_until TIMESTAMP   NOT NULL,
    CONSTRAINT visitor_lock_pk PRIMARY KEY (lock_key)
);
