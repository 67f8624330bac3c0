package io.casegate.sandbox.pages;

import java.util.Locale;

/** Escapes text for HTML element content and attribute values. */
final class Html {

    private Html() {}

    static String escape(Object value) {
        String text = value == null ? "" : value.toString();
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Only web links become clickable; anything else (javascript:, data:) stays text. */
    static boolean isWebLink(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
