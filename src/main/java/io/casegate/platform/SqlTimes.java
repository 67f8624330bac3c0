package io.casegate.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Date;

/**
 * Reads a TIMESTAMP from an aggregate or native query, where the JPA provider applies no
 * converter: EclipseLink hands back {@link Timestamp}, Hibernate {@link LocalDateTime} or
 * {@link Instant}. Columns are written as {@link Timestamp#from(Instant)} (the JVM's zone), see
 * {@link InstantConverter}, and read back the same way.
 */
public final class SqlTimes {

    private SqlTimes() {}

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return Timestamp.valueOf(local).toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        throw new IllegalArgumentException(
                "Not a timestamp: " + value.getClass().getName());
    }
}
