-- The last list of commercial services that the CRM gave (issue 13): the form offers it while the
-- CRM cannot be reached, also on a node started during an outage. Each reading of the list is one
-- listing (its rows share listing_id and listed_at); the newest listing is the list, and a refresh
-- removes the older ones. Two nodes refreshing at once never conflict: each writes its own listing.
CREATE TABLE crm_service (
    listing_id VARCHAR(36)  NOT NULL,
    ordinal    INTEGER      NOT NULL,
    service_id VARCHAR(250) NOT NULL,
    name       VARCHAR(250) NOT NULL,
    listed_at  TIMESTAMP    NOT NULL,
    CONSTRAINT crm_service_pk PRIMARY KEY (listing_id, ordinal)
);
CREATE INDEX crm_service_listed_at_ix ON crm_service (listed_at);
