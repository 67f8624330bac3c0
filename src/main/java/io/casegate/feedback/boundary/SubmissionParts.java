package io.casegate.feedback.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.EntityPart;

import io.casegate.attachments.boundary.AttachmentStore;
import io.casegate.attachments.entity.IncomingFile;
import io.casegate.attachments.entity.StoredFile;
import io.casegate.feedback.entity.SubmissionFields;
import io.casegate.platform.ProblemException;
import io.casegate.platform.Texts;

/**
 * The parts of a multipart submission to the API, read once: text fields into memory (each capped),
 * files streamed into the attachment store under staging keys, within the file limits. Closing it
 * removes whatever is still staged: the intake moves the files it keeps.
 */
final class SubmissionParts implements AutoCloseable {

    static final String FILES = "files";
    /** No text field of a submission comes near this; anything longer is not one. */
    private static final int MAX_TEXT_PART_BYTES = 64 * 1024;

    private final AttachmentStore store;
    private final Locale locale;
    private final Map<String, String> fields = new HashMap<>();
    private final List<IncomingFile> files = new ArrayList<>();
    private final List<StoredFile> staged = new ArrayList<>();
    private SubmissionFields submission;

    private SubmissionParts(AttachmentStore store, Locale locale) {
        this.store = store;
        this.locale = locale;
    }

    /**
     * Reads every part; more than {@code maxParts} parts, a file beyond {@code maxFileBytes}, or files
     * beyond {@code maxTotalBytes} together, end it with 413.
     */
    static SubmissionParts read(
            List<EntityPart> parts,
            AttachmentStore store,
            long maxFileBytes,
            long maxTotalBytes,
            int maxParts,
            Locale locale) {
        SubmissionParts read = new SubmissionParts(store, locale);
        try {
            if (parts != null && parts.size() > maxParts) {
                throw new ProblemException(413, Texts.text(locale, "api.problem.tooManyParts", maxParts));
            }
            long total = 0;
            for (EntityPart part : parts == null ? List.<EntityPart>of() : parts) {
                if (isFile(part.getName())) {
                    StoredFile file = read.stage(part, maxFileBytes);
                    total += file.size();
                    if (total > maxTotalBytes) {
                        throw read.tooLarge();
                    }
                    read.files.add(
                            new IncomingFile(fileName(part), file.size(), new AttachmentStore.Staged(store, file)));
                } else {
                    read.fields.put(part.getName(), read.text(part));
                }
            }
            read.submission = read.formFields();
            return read;
        } catch (RuntimeException failed) {
            read.close();
            throw failed;
        }
    }

    /**
     * From the raw header: Jersey's multipart reader (MIMEPull) hands over the header's bytes as
     * ISO-8859-1 characters, and its own file name is therefore wrong for raw UTF-8 names.
     */
    private static String fileName(EntityPart part) {
        String header = part.getHeaders().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase("Content-Disposition"))
                .flatMap(entry -> entry.getValue().stream())
                .findFirst()
                .orElse(null);
        return SubmittedFileName.of(header, SubmittedFileName.HeaderText.OCTETS);
    }

    /**
     * A file part: named {@code files}, or {@code files[]} / {@code files[0]}, {@code files[1]}, … as
     * PHP names repeated fields (its cURL extension cannot repeat a key of an array of parts).
     */
    static boolean isFile(String partName) {
        return partName != null && (partName.equals(FILES) || partName.matches("files\\[\\d{0,4}]"));
    }

    /** The form's fields, as the form's bean would hold them. */
    SubmissionFields submission() {
        return submission;
    }

    private SubmissionFields formFields() {
        SubmissionFields submission = new SubmissionFields();
        submission.setName(field("name"));
        submission.setEmail(field("email"));
        submission.setPhone(field("phone"));
        submission.setOrganisation(field("organisation"));
        submission.setInn(field("inn"));
        submission.setService(field("service"));
        submission.setSubject(field("subject"));
        submission.setDescription(field("description"));
        String consent = fields.get("consent");
        submission.setConsent(consent != null
                && (consent.strip().equalsIgnoreCase("true") || consent.strip().equals("on")));
        return submission;
    }

    List<IncomingFile> files() {
        return files;
    }

    /** A text part that is not a form field (the visitor's IP and browser as the site saw them); null when blank. */
    String field(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private StoredFile stage(EntityPart part, long maxFileBytes) {
        try (InputStream content = part.getContent()) {
            StoredFile file = store.store(content, maxFileBytes);
            staged.add(file);
            return file;
        } catch (AttachmentStore.TooLargeException e) {
            throw tooLarge();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(EntityPart part) {
        try (InputStream content = part.getContent()) {
            byte[] bytes = content.readNBytes(MAX_TEXT_PART_BYTES + 1);
            if (bytes.length > MAX_TEXT_PART_BYTES) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProblemException(400, Texts.text(locale, "api.problem.badRequest"));
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(413, Texts.text(locale, "api.problem.tooLarge"));
    }

    @Override
    public void close() {
        staged.forEach(file -> store.delete(file.storageKey()));
    }
}
