package io.casegate.crm.entity;

/** A commercial service (the CRM's ServiceItem) that a visitor can choose on the form. */
public record ServiceOption(String id, String name) {}
