package io.casegate.crm.entity;

import java.util.UUID;

/** A contact person to create; phone and account may be null. */
public record NewContact(UUID id, String name, String email, String phone, UUID accountId) {}
