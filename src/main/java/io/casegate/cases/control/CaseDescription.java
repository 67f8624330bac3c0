package io.casegate.cases.control;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Predicate;

import io.casegate.attachments.entity.AttachedFile;
import io.casegate.cases.entity.CaseRequest;

/**
 * The case's description (Creatio's Symptoms): every field of the form, labelled, one per line, in
 * the language the visitor used, then the files with their sizes. The visitor's own text comes
 * last, under its label, because it may span lines.
 */
final class CaseDescription {

    private static final String BUNDLE = "io.casegate.cases.control.case-description";
    private static final Locale DEFAULT = Locale.forLanguageTag("ru");

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
        return String.join("\n", lines);
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
