package io.casegate.crm.entity;

import java.util.UUID;

/** A contact person in the CRM and the organisation it belongs to (null when it has none). */
public record CrmContact(UUID id, UUID accountId) {}
