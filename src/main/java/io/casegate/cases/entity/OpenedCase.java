package io.casegate.cases.entity;

import java.util.UUID;

/** The case that a submission became in the CRM. */
public record OpenedCase(UUID caseId, String caseNumber, UUID contactId, UUID accountId) {}
