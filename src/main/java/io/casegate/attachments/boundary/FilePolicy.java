package io.casegate.attachments.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.attachments.entity.IncomingFile;
import io.casegate.platform.FileExtensions;

/**
 * The rules for a submission's files, shared by the form and the REST intake: at least one file
 * (unless {@code casegate.form.file-required} is false), how many, how large each and all together,
 * and which types. Limits come from configuration.
 */
@ApplicationScoped
public class FilePolicy {

    private static final long MB = 1024L * 1024L;

    /** A broken rule: a key of the {@code io.casegate.i18n.messages} bundle and its arguments. */
    public record Problem(String messageKey, Object... arguments) {}

    @Inject
    @ConfigProperty(name = "casegate.files.max-count", defaultValue = "10")
    int maxCount;

    @Inject
    @ConfigProperty(name = "casegate.files.max-file-size-mb", defaultValue = "20")
    long maxFileSizeMb;

    @Inject
    @ConfigProperty(name = "casegate.files.max-total-size-mb", defaultValue = "50")
    long maxTotalSizeMb;

    @Inject
    @ConfigProperty(
            name = "casegate.files.allowed-extensions",
            defaultValue =
                    "pdf,png,jpg,jpeg,gif,bmp,webp,txt,log,csv,xml,json,zip,7z,rar,doc,docx,xls,xlsx,odt,ods,rtf")
    String allowedExtensionList;

    /** The brief's form asks for a file («Прикрепите файл»); other sites' forms have none. */
    @Inject
    @ConfigProperty(name = "casegate.form.file-required", defaultValue = "true")
    boolean required = true;

    Set<String> allowedExtensions;

    public FilePolicy() {}

    /** With the limits given, for tests. */
    FilePolicy(int maxCount, long maxFileSizeMb, long maxTotalSizeMb, String allowedExtensions) {
        this.maxCount = maxCount;
        this.maxFileSizeMb = maxFileSizeMb;
        this.maxTotalSizeMb = maxTotalSizeMb;
        this.allowedExtensionList = allowedExtensions;
        read();
    }

    @PostConstruct
    void read() {
        allowedExtensions = FileExtensions.parse(allowedExtensionList);
    }

    /** Every rule the files break, in the order a visitor should read them; empty when they are fine. */
    public List<Problem> check(List<IncomingFile> files) {
        List<Problem> problems = new ArrayList<>();
        if (files.isEmpty()) {
            if (required) {
                problems.add(new Problem("files.required"));
            }
            return problems;
        }
        if (files.size() > maxCount) {
            problems.add(new Problem("files.tooMany", maxCount));
        }
        long total = 0;
        for (IncomingFile file : files) {
            total += file.size();
            if (file.size() == 0) {
                problems.add(new Problem("files.empty", file.fileName()));
            } else if (file.size() > maxFileSizeMb * MB) {
                problems.add(new Problem("files.tooLarge", file.fileName(), maxFileSizeMb));
            }
            if (!allowedExtensions.contains(file.extension())) {
                problems.add(new Problem(
                        "files.typeNotAllowed",
                        file.fileName(),
                        String.join(", ", allowedExtensions.stream().sorted().toList())));
            }
        }
        if (total > maxTotalSizeMb * MB) {
            problems.add(new Problem("files.totalTooLarge", maxTotalSizeMb));
        }
        return problems;
    }

    /** Whether a submission needs at least one file: the form marks the field, the API follows the same rule. */
    public boolean required() {
        return required;
    }

    public int maxCount() {
        return maxCount;
    }

    public long maxFileSizeBytes() {
        return maxFileSizeMb * MB;
    }

    public long maxTotalSizeBytes() {
        return maxTotalSizeMb * MB;
    }

    /** The accept attribute for a file input: {@code .pdf,.png,...}. */
    public String acceptAttribute() {
        return allowedExtensions.stream()
                .sorted()
                .map(extension -> "." + extension)
                .collect(Collectors.joining(","));
    }
}
