package io.casegate.crm.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Values written into OData 4 requests. A string literal is quoted with every {@code '} doubled;
 * percent-encoding of the whole query value follows in {@link CrmTransport#uri}, so names such as
 * O'Brien and Cyrillic text reach the CRM intact. Dates always carry {@code Z}: Creatio stores
 * zone-less values as 0001-01-01 on some builds.
 */
public final class ODataLiterals {

    static final UUID EMPTY_LOOKUP = new UUID(0, 0);
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ODataLiterals() {}

    public static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** GUIDs are bare in OData 4. */
    public static String guid(UUID id) {
        return id.toString();
    }

    public static String dateTime(Instant instant) {
        return UTC.format(instant);
    }

    /** A lookup value as the CRM returns it: the empty GUID and blanks mean "none". */
    public static UUID lookup(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        UUID id = UUID.fromString(value.strip());
        return EMPTY_LOOKUP.equals(id) ? null : id;
    }
}
