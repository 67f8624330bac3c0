package io.casegate.feedback.control;

import java.time.Instant;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.platform.DatabaseSchema;

/**
 * Issues the visitor's reference, {@code WEB-YYYY-NNNNNN}: the year of receipt in the company's
 * time zone and a number from a database sequence, so that every node hands out distinct numbers.
 */
@ApplicationScoped
public class ReferenceNumbers {

    public static final String PATTERN = "WEB-\\d{4}-\\d{6,}";

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    DatabaseSchema database;

    @Inject
    @ConfigProperty(name = "casegate.time-zone", defaultValue = "Europe/Moscow")
    ZoneId zone;

    @Transactional(TxType.MANDATORY)
    public String next(Instant receivedAt) {
        String sql = database.isPostgreSql()
                ? "SELECT nextval('submission_reference_seq')"
                : "SELECT NEXT VALUE FOR submission_reference_seq";
        long number = ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
        return format(receivedAt.atZone(zone).getYear(), number);
    }

    public static String format(int year, long number) {
        return "WEB-%04d-%06d".formatted(year, number);
    }
}
