package io.casegate.crm.entity;

import java.time.Instant;
import java.util.UUID;

/** The visitor's message, written into a case. */
public record NewMessage(
        UUID id,
        UUID caseId,
        UUID contactId,
        UUID accountId,
        String senderEmail,
        String subject,
        String text,
        Instant sentOn) {}
