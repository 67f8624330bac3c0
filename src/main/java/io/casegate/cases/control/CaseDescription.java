package io.casegate.cases.control;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.casegate.attachments.entity.AttachedFile;
import io.casegate.cases.entity.CaseRequest;

/**
 * The case's description (Creatio's Symptoms): every field of the form, labelled, one per line, in
 * the language the visitor used, then the files with their sizes. The visitor's own text comes
 * last, under its label, because it may span lines.
 * <p>
 * Creatio shows the case's Symptoms and the visitor's message (an e-mail Activity's Body, a
 * CaseMessageHistory's Message) as HTML (docs/crm.md, "Text that Creatio renders as HTML"). So both
 * are written as HTML here, the one place that does it: the visitor's text is escaped, so that
 * {@code <script>} or {@code <b>} shows as those characters and does nothing, and each line break
 * becomes {@code <br>}.
 */
final class CaseDescription {

    private static final String BUNDLE = "io.casegate.cases.control.case-description";
    private static final Locale DEFAULT = Locale.forLanguageTag("ru");
    /** A line break in HTML; the newline after it keeps the stored text readable as plain text too. */
    static final String LINE_BREAK = "<br>\n";

    private CaseDescription() {}

    /**
     * @param serviceName the service's name when the CRM knows it, else what the visitor sent
     * @param external tells which files go to external storage rather than into the CRM
     */
    public static String of(CaseRequest request, String serviceName, Predicate<AttachedFile> external) {
        Locale locale = request.locale() == null ? DEFAULT : request.locale();
        ResourceBundle labels = ResourceBundle.getBundle(
                BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        List<String> lines = new ArrayList<>();
        line(lines, labels, "reference", request.reference());
        line(lines, labels, "name", request.name());
        line(lines, labels, "email", request.email());
        line(lines, labels, "phone", request.phone());
        line(lines, labels, "organisation", request.organisation());
        line(lines, labels, "inn", request.inn());
        line(lines, labels, "service", serviceName);
        line(lines, labels, "subject", request.subject());
        if (request.attachments().isEmpty()) {
            line(lines, labels, "files", null);
        } else {
            lines.add(labels.getString("files") + ":");
            for (AttachedFile file : request.attachments()) {
                lines.add("- " + file.fileName() + " (" + size(file.size(), labels, locale) + ")"
                        + (external.test(file) ? ", " + labels.getString("files.external") : ""));
            }
        }
        lines.add(labels.getString("description") + ":");
        lines.add(
                request.description() == null || request.description().isBlank()
                        ? labels.getString("none")
                        : request.description().strip());
        return lines.stream().map(CaseDescription::html).collect(Collectors.joining(LINE_BREAK));
    }

    /** The visitor's message as the CRM's message body holds it: HTML, escaped, its line breaks kept. */
    static String messageBody(String description) {
        return description == null ? "" : html(description.strip());
    }

    /**
     * Plain text as HTML that shows it: {@code &}, {@code <} and {@code >} escaped (enough for text
     * between tags, where this goes; quotes matter only inside attributes), each line break (CRLF,
     * CR or LF) a {@code <br>}.
     */
    static String html(String text) {
        StringBuilder html = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '\r' -> {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    html.append(LINE_BREAK);
                }
                case '\n' -> html.append(LINE_BREAK);
                default -> html.append(c);
            }
        }
        return html.toString();
    }

    private static void line(List<String> lines, ResourceBundle labels, String key, String value) {
        lines.add(labels.getString(key) + ": "
                + (value == null || value.isBlank() ? labels.getString("none") : value.strip()));
    }

    static String size(long bytes, ResourceBundle labels, Locale locale) {
        NumberFormat number = NumberFormat.getNumberInstance(locale);
        number.setMaximumFractionDigits(1);
        if (bytes < 1024) {
            return bytes + " " + labels.getString("unit.bytes");
        }
        if (bytes < 1024 * 1024) {
            return number.format(bytes / 1024.0) + " " + labels.getString("unit.kilobytes");
        }
        return number.format(bytes / (1024.0 * 1024.0)) + " " + labels.getString("unit.megabytes");
    }
}
