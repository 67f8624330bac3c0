package io.casegate.platform;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * The one reading of durations for every configuration key: the short form operators write
 * ({@code 500ms}, {@code 30s}, {@code 50m}, {@code 2h}, {@code 7d}) or ISO-8601 ({@code PT50M},
 * {@code P7D}); a bare number means seconds. Registered with MicroProfile Config (META-INF/services)
 * above the runtimes' own converters, which accept only ISO-8601 or differ between Payara and
 * WildFly, so that {@code @ConfigProperty Duration} reads the same everywhere.
 */
@Priority(200)
public class DurationConverter implements Converter<Duration> {

    private static final long serialVersionUID = 1L;
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    @Override
    public Duration convert(String text) {
        if (text == null || text.isBlank()) {
            // MicroProfile Config: an empty value is a missing one.
            return null;
        }
        return parse(text);
    }

    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw notADuration(text);
            }
        }
        Matcher matcher = SHORT.matcher(value);
        if (!matcher.matches()) {
            throw notADuration(text);
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("Not a duration: " + text + " (use e.g. 500ms, 30s, 50m, 2h, 7d or PT50M)");
    }
}
