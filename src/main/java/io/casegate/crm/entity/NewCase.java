package io.casegate.crm.entity;

import java.time.Instant;
import java.util.UUID;

/** A case to create; {@code serviceId} and {@code accountId} may be null. */
public record NewCase(
        UUID id,
        String subject,
        String description,
        UUID serviceId,
        UUID contactId,
        UUID accountId,
        Instant registeredOn) {}
