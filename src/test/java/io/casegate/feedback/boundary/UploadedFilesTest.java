package io.casegate.feedback.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.Part;

import org.junit.jupiter.api.Test;

import io.casegate.attachments.entity.IncomingFile;

class UploadedFilesTest {

    @Test
    void theEmptyPartOfAnEmptyFileInputIsNoFile() {
        assertEquals(List.of(), UploadedFiles.of(List.of(part("", null, new byte[0]))));
        assertEquals(List.of(), UploadedFiles.of(null));
    }

    @Test
    void aPartBecomesAFileWithoutTheBrowsersPathThatStreamsThePartsBytes() throws Exception {
        byte[] content = "чек".getBytes(StandardCharsets.UTF_8);
        List<IncomingFile> files = UploadedFiles.of(List.of(part("C:\\Users\\ivanov\\чек.txt", "text/html", content)));

        assertEquals(1, files.size());
        IncomingFile file = files.get(0);
        assertEquals("чек.txt", file.fileName());
        assertEquals("text/plain", file.mediaType(), "from the extension, not the part's text/html");
        assertEquals(content.length, file.size());
        try (InputStream bytes = file.content().open()) {
            assertArrayEquals(content, bytes.readAllBytes());
        }
    }

    @Test
    void aSinglePartAndAMissingMediaTypeAreAccepted() {
        List<IncomingFile> files = UploadedFiles.of(part("log.txt", null, new byte[] {1}));
        assertEquals("text/plain", files.get(0).mediaType());
    }

    private static Part part(String submittedFileName, String contentType, byte[] content) {
        return (Part) Proxy.newProxyInstance(
                Part.class.getClassLoader(),
                new Class<?>[] {Part.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getSubmittedFileName" -> submittedFileName;
                    case "getHeader" ->
                        "Content-Disposition".equalsIgnoreCase((String) arguments[0])
                                ? "form-data; name=\"feedback:files\"; filename=\"" + submittedFileName + "\""
                                : null;
                    case "getContentType" -> contentType;
                    case "getSize" -> (long) content.length;
                    case "getInputStream" -> new ByteArrayInputStream(content);
                    case "getName" -> "feedback:files";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
