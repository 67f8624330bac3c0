package io.casegate.admin.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.feedback.boundary.Submissions;
import io.casegate.platform.SqlTimes;

/**
 * What the admin area shows of submissions: each with its delivery job, read in one query. Read
 * only; changes go through the owning components.
 */
@ApplicationScoped
public class SubmissionOverviews {

    /** The delivery state an operator filters by. */
    public enum Filter {
        ALL,
        PENDING,
        DEAD,
        DONE
    }

    /** One submission and its delivery, for the list and the detail page. */
    public record SubmissionRow(
            String submissionId,
            String reference,
            String channel,
            Instant receivedAt,
            String deliveryEntryId,
            String state,
            int attempts,
            String lastError,
            Instant nextAttemptAt,
            String caseNumber,
            Instant caseOpenedAt,
            Instant deliveredAt) {

        public boolean deadLettered() {
            return "DEAD".equals(state);
        }

        /** From acceptance to case number; null while the case does not exist. */
        public Duration timeToCase() {
            return caseOpenedAt == null ? null : Duration.between(receivedAt, caseOpenedAt);
        }
    }

    public static final int PAGE_SIZE = 100;

    static final String SELECT =
            "SELECT s.id, s.reference, s.channel, s.received_at, e.id, e.state, e.attempts, e.last_error,"
                    + " e.next_attempt_at, s.case_number, s.case_opened_at, s.delivered_at"
                    + " FROM submission s LEFT JOIN outbox_entry e ON e.subject_id = s.id AND e.kind = '"
                    + Submissions.DELIVER_CASE + "'";

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    /**
     * The newest submissions matching {@code text} (a reference, a case number or the visitor's
     * e-mail, case-insensitive; empty for all) in the given delivery state.
     */
    @Transactional(TxType.SUPPORTS)
    public List<SubmissionRow> search(String text, Filter filter) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        // Ordinal parameters numbered from ?1 without gaps: Hibernate (WildFly) insists on it.
        List<Object> parameters = new ArrayList<>();
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!needle.isEmpty()) {
            sql.append(" AND (LOWER(s.reference) = ?1 OR LOWER(s.case_number) = ?2 OR LOWER(s.email) = ?3)");
            parameters.addAll(List.of(needle, needle, needle));
        }
        if (filter != null && filter != Filter.ALL) {
            parameters.add(filter.name());
            sql.append(" AND e.state = ?").append(parameters.size());
        }
        sql.append(" ORDER BY s.received_at DESC, s.reference DESC");
        Query query = em.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return rows(query.setMaxResults(PAGE_SIZE).getResultList());
    }

    @Transactional(TxType.SUPPORTS)
    public Optional<SubmissionRow> byReference(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        Query query = em.createNativeQuery(SELECT + " WHERE s.reference = ?1")
                .setParameter(1, reference.strip().toUpperCase(Locale.ROOT));
        return rows(query.getResultList()).stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<SubmissionRow> rows(List<?> result) {
        return ((List<Object[]>) result).stream().map(SubmissionOverviews::row).toList();
    }

    private static SubmissionRow row(Object[] c) {
        return new SubmissionRow(
                text(c[0]),
                text(c[1]),
                text(c[2]),
                SqlTimes.instant(c[3]),
                text(c[4]),
                text(c[5]),
                c[6] == null ? 0 : ((Number) c[6]).intValue(),
                text(c[7]),
                SqlTimes.instant(c[8]),
                text(c[9]),
                SqlTimes.instant(c[10]),
                SqlTimes.instant(c[11]));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
