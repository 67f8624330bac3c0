package io.casegate.platform;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations from configuration in the short form operators write ({@code 500ms}, {@code 30s},
 * {@code 50m}, {@code 2h}, {@code 30d}) or ISO-8601 ({@code PT50M}); a bare number means seconds.
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    public static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        Matcher matcher = SHORT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a duration: " + text + " (use e.g. 500ms, 30s, 50m, 2h, 30d or PT50M)");
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
}
