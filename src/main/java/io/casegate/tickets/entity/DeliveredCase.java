package io.casegate.tickets.entity;

import java.util.UUID;

/** The case that a submission became in the CRM. */
public record DeliveredCase(UUID caseId, String caseNumber, UUID contactId, UUID accountId) {
}
