package io.casegate.crm.entity;

import java.util.UUID;

/** An organisation to create; {@code inn} may be null. */
public record NewAccount(UUID id, String name, String inn) {}
