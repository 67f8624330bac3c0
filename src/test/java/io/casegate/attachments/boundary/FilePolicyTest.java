package io.casegate.attachments.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.casegate.attachments.entity.IncomingFile;

class FilePolicyTest {

    private final FilePolicy policy = new FilePolicy(2, 1, 2, "pdf, .PNG");

    @Test
    void noFileAsksForOne() {
        assertEquals(List.of("files.required"), keys(policy.check(List.of())));
    }

    @Test
    void withFilesNotRequiredNoFileIsFineButTheOtherRulesStay() {
        FilePolicy optional = new FilePolicy(2, 1, 2, "pdf");
        optional.required = false;
        assertEquals(List.of(), keys(optional.check(List.of())));
        assertEquals(List.of("files.typeNotAllowed"), keys(optional.check(List.of(file("script.exe", 10)))));
    }

    @Test
    void aFileWithinTheRulesPasses() {
        assertEquals(List.of(), keys(policy.check(List.of(file("Счёт.PDF", 1000)))));
    }

    @Test
    void eachBrokenRuleIsNamedWithItsFile() {
        List<FilePolicy.Problem> problems =
                policy.check(List.of(file("big.pdf", 2 * 1024 * 1024), file("script.exe", 10), file("empty.png", 0)));
        assertEquals(
                List.of(
                        "files.tooMany",
                        "files.tooLarge",
                        "files.typeNotAllowed",
                        "files.empty",
                        "files.totalTooLarge"),
                keys(problems));
        assertEquals("big.pdf", problems.get(1).arguments()[0]);
        assertEquals(1L, problems.get(1).arguments()[1]);
        assertEquals("script.exe", problems.get(2).arguments()[0]);
    }

    @Test
    void browserPathsAreStrippedFromNames() {
        assertEquals("report.pdf", IncomingFile.baseName("C:\\Users\\me\\report.pdf"));
        assertEquals("report.pdf", IncomingFile.baseName("/tmp/report.pdf"));
    }

    private static List<String> keys(List<FilePolicy.Problem> problems) {
        return problems.stream().map(FilePolicy.Problem::messageKey).toList();
    }

    private static IncomingFile file(String name, long size) {
        return new IncomingFile(name, size, InputStream::nullInputStream);
    }
}
