package io.casegate.feedback.boundary;

import java.net.URI;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What the API answers about a submission. {@code caseNumber} is null until the case exists, and
 * written as null rather than left out, so that clients can rely on the field.
 */
@JsonbNillable
@JsonbPropertyOrder({"reference", "status", "caseNumber", "statusUrl"})
public record ReceiptJson(String reference, String status, String caseNumber, String statusUrl) {

    static ReceiptJson of(Receipt receipt, URI statusUrl) {
        return new ReceiptJson(
                receipt.reference(), receipt.status().name(), receipt.caseNumber(), statusUrl.toString());
    }
}
