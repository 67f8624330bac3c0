package io.casegate.crm.entity;

import java.util.List;

/**
 * What a delivery writes into the CRM, record by record, in the CRM's terms: the entity set, how it
 * is written, and each column with where its value comes from. For operators, before the first real
 * delivery; nothing in it comes from a submission.
 *
 * @param records in the order a delivery writes them: organisation, contact, case, message, file, link
 */
public record DeliveryPreview(List<Record> records) {

    public DeliveryPreview {
        records = List.copyOf(records);
    }

    /**
     * @param record    {@code organisation}, {@code contact}, {@code case}, {@code message}, {@code file} or {@code link}
     * @param entitySet the CRM's entity set
     * @param route     the request that writes it, e.g. {@code POST /0/odata/Case}
     */
    public record Record(String record, String entitySet, String route, List<Column> columns) {

        public Record {
            columns = List.copyOf(columns);
        }
    }

    /**
     * @param source the kind of value, a bundle key under {@code crmCheck.source.}; its text takes
     *               {@code value} as {0} and {@code configKey} as {1}
     * @param value  the configured id or path, where there is one; else empty
     * @param configKey the key that changes it, where one does; else empty
     */
    public record Column(String column, String source, String value, String configKey) {

        public String sourceKey() {
            return "crmCheck.source." + source;
        }
    }
}
