package io.casegate.sandbox;

import static io.casegate.sandbox.SandboxClient.json;
import static io.casegate.sandbox.SandboxClient.reason;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.casegate.testing.Deployments;

/** Rules 5 and 8 of the sandbox: file upload and download, link rows, MaxFileSize, the cases page. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SandboxFilesIT {

    private static final String LINK_TYPE = "539bc2f8-0ee0-df11-971b-001d60e938c6";
    private static final String FILE_TYPE = "529bc2f8-0ee0-df11-971b-001d60e938c6";
    private static final int CHUNK = 512 * 1024;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.casegate();
    }

    @ArquillianResource
    URL base;

    private enum RangeStyle {
        RFC,
        ONE_BASED,
        EXCLUSIVE_END
    }

    @Test
    void chunkedUploadIsReassembledByteForByte() {
        assertChunkedUploadRoundTrips(RangeStyle.RFC, 1_300_000);
    }

    @Test
    void oneByteOffRangesAsRealClientsSendThemAreTolerated() {
        assertChunkedUploadRoundTrips(RangeStyle.ONE_BASED, 1_100_001);
        assertChunkedUploadRoundTrips(RangeStyle.EXCLUSIVE_END, CHUNK * 2 + 7);
    }

    private void assertChunkedUploadRoundTrips(RangeStyle style, int size) {
        SandboxClient client = new SandboxClient(base).loggedIn();
        String caseId =
                client.create("Case", "{\"Subject\":\"upload " + style + "\"}").getString("Id");
        byte[] content = randomBytes(size);
        String fileId = UUID.randomUUID().toString();
        String fileName = "Фото чека №1 (" + style + ").jpg";

        for (int offset = 0; offset < size; offset += CHUNK) {
            int length = Math.min(CHUNK, size - offset);
            String range = switch (style) {
                case RFC -> "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
                case ONE_BASED -> "bytes " + (offset + 1) + "-" + (offset + length) + "/" + size;
                case EXCLUSIVE_END -> "bytes " + offset + "-" + (offset + length) + "/" + size;
            };
            HttpResponse<String> response = upload(
                    client,
                    fileId,
                    fileName,
                    size,
                    caseId,
                    Arrays.copyOfRange(content, offset, offset + length),
                    range);
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(json(response).getBoolean("success"), response.body());
        }

        HttpResponse<byte[]> download =
                client.sendBytes("GET", "/0/rest/FileService/Download/CaseFile/" + fileId, null, Map.of());
        assertEquals(200, download.statusCode());
        assertArrayEquals(content, download.body(), style.toString());
        String disposition =
                download.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.startsWith("attachment;"), disposition);
        assertTrue(disposition.contains("filename*=UTF-8''" + SandboxClient.encode(fileName)), disposition);
        assertEquals("image/jpeg", download.headers().firstValue("Content-Type").orElse(""));

        JsonObject record = json(client.get("/0/odata/CaseFile(" + fileId + ")"));
        assertEquals(fileName, record.getString("Name"));
        assertEquals(caseId, record.getString("CaseId"));
        assertEquals(FILE_TYPE, record.getString("TypeId"));
        assertEquals(size, record.getInt("Size"));
        assertFalse(record.containsKey("Data"), "binary data is never inlined");
        assertEquals("CaseFile(" + fileId + ")/Data", record.getString("Data@odata.mediaReadLink"));
        assertEquals(
                1,
                json(client.get("/0/odata/CaseFile" + SandboxClient.filter("Case/Id eq " + caseId)))
                        .getJsonArray("value")
                        .size());
    }

    @Test
    void uploadIntoARecordCreatedFirstThroughOData() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        String caseId =
                client.create("Case", "{\"Subject\":\"metadata first\"}").getString("Id");
        String fileId = client.create(
                        "CaseFile",
                        "{\"Name\":\"акт.pdf\",\"CaseId\":\"" + caseId + "\",\"TypeId\":\"" + FILE_TYPE
                                + "\",\"Size\":5,\"TotalSize\":5}")
                .getString("Id");

        HttpResponse<String> response = upload(
                client, fileId, "акт.pdf", 5, caseId, "%PDF-".getBytes(StandardCharsets.US_ASCII), "bytes 0-4/5");

        assertTrue(json(response).getBoolean("success"), response.body());
        assertEquals(
                "%PDF-",
                new String(
                        client.sendBytes("GET", "/0/odata/CaseFile(" + fileId + ")/Data", null, Map.of())
                                .body(),
                        StandardCharsets.US_ASCII));
    }

    @Test
    void theSevenXUploadRouteWorksAndStatsTellTheRoutesApart() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        String caseId = client.create("Case", "{\"Subject\":\"7.x upload\"}").getString("Id");
        JsonObject before = client.stats().getJsonObject("routes");
        String fileId = UUID.randomUUID().toString();
        String query = "?fileId=" + fileId + "&totalFileLength=3&mimeType=application%2Foctet-stream"
                + "&fileName=old.bin&columnName=Data&entitySchemaName=CaseFile&parentColumnName=Case"
                + "&parentColumnValue=" + caseId;
        HttpResponse<String> response = client.sendBinary(
                "POST",
                "/0/rest/FileApiService/Upload" + query,
                new byte[] {7, 8, 9},
                Map.of("Content-Type", "application/octet-stream", "Content-Range", "bytes 0-2/3"));
        assertTrue(json(response).getBoolean("success"), response.body());
        assertArrayEquals(
                new byte[] {7, 8, 9},
                client.sendBytes("GET", "/0/odata/CaseFile(" + fileId + ")/Data", null, Map.of())
                        .body());
        JsonObject after = client.stats().getJsonObject("routes");
        assertEquals(count(before, "/0/rest/FileApiService/Upload") + 1, count(after, "/0/rest/FileApiService/Upload"));
        assertEquals(
                count(before, "/0/rest/FileApiService/UploadFile"), count(after, "/0/rest/FileApiService/UploadFile"));
    }

    private static long count(JsonObject routes, String route) {
        return routes.containsKey(route) ? routes.getJsonNumber(route).longValue() : 0;
    }

    @Test
    void streamPropertyPutAndGet() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        String caseId = client.create("Case", "{\"Subject\":\"stream\"}").getString("Id");
        String fileId = client.create("CaseFile", "{\"Name\":\"log.txt\",\"CaseId\":\"" + caseId + "\"}")
                .getString("Id");
        byte[] content = randomBytes(70_000);

        HttpResponse<byte[]> put = client.sendBytes(
                "PUT",
                "/0/odata/CaseFile(" + fileId + ")/Data",
                content,
                Map.of("Content-Type", "application/octet-stream"));
        assertEquals(200, put.statusCode());

        HttpResponse<byte[]> get = client.sendBytes("GET", "/0/odata/CaseFile(" + fileId + ")/Data", null, Map.of());
        assertEquals(200, get.statusCode());
        assertArrayEquals(content, get.body());
        assertEquals(
                70_000, json(client.get("/0/odata/CaseFile(" + fileId + ")")).getInt("Size"));
    }

    @Test
    void filesOverMaxFileSizeAreRefusedClearly() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        String caseId = client.create("Case", "{\"Subject\":\"too big\"}").getString("Id");
        int tooBig = 10 * 1024 * 1024 + 1;

        HttpResponse<String> refused = upload(
                client,
                UUID.randomUUID().toString(),
                "big.bin",
                tooBig,
                caseId,
                new byte[CHUNK],
                "bytes 0-" + (CHUNK - 1) + "/" + tooBig);
        assertEquals(200, refused.statusCode());
        JsonObject body = json(refused);
        assertFalse(body.getBoolean("success"));
        assertEquals(
                "MaxFileSizeExceededException", body.getJsonObject("errorInfo").getString("errorCode"));
        assertTrue(body.getJsonObject("errorInfo").getString("message").contains("MaxFileSize"), refused.body());

        String fileId = client.create("CaseFile", "{\"Name\":\"big.bin\",\"CaseId\":\"" + caseId + "\"}")
                .getString("Id");
        HttpResponse<String> streamed = SandboxClient.exchange(
                HttpRequest.newBuilder(URI.create(client.url("/0/odata/CaseFile(" + fileId + ")/Data")))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[tooBig]))
                        .header("Cookie", ".ASPXAUTH=" + client.cookie(".ASPXAUTH"))
                        .header("BPMCSRF", client.cookie("BPMCSRF"))
                        .header("Content-Type", "application/octet-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, streamed.statusCode());
        assertTrue(reason(streamed).contains("MaxFileSize"), streamed.body());
        assertEquals(0, json(client.get("/0/odata/CaseFile(" + fileId + ")")).getInt("Size"));
    }

    @Test
    void casesPageShowsWhatASupportAgentNeedsNewestFirst() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String account = client.create("Account", "{\"Name\":\"ООО «Ромашка» " + tag + "\"}")
                .getString("Id");
        String contact = client.create(
                        "Contact",
                        "{\"Name\":\"Петрова Мария\",\"Email\":\"maria@example.ru\",\"AccountId\":\"" + account + "\"}")
                .getString("Id");
        JsonObject older = client.create("Case", "{\"Subject\":\"Старое обращение " + tag + "\"}");
        JsonObject newer = client.create(
                "Case",
                "{\"Subject\":\"Не печатает чек " + tag + "\",\"Symptoms\":\"<script>alert('x')</script>\","
                        + "\"ContactId\":\"" + contact + "\",\"AccountId\":\"" + account + "\","
                        + "\"ServiceItemId\":\"2bca0b1d-bbd6-432b-b679-f40c2bbef6c8\"}");
        String caseId = newer.getString("Id");
        client.create(
                "Activity",
                "{\"Title\":\"Сообщение с сайта\",\"Body\":\"Повторите, пожалуйста\",\"CaseId\":\"" + caseId + "\"}");
        client.create(
                "CaseMessageHistory", "{\"Message\":\"Клиент уточнил модель ККТ\",\"CaseId\":\"" + caseId + "\"}");
        client.create(
                "CaseFile",
                "{\"Name\":\"https://disk.example.ru/s/abc?x=1&y=2\",\"Notes\":\"видео.mp4\",\"TypeId\":\"" + LINK_TYPE
                        + "\",\"CaseId\":\"" + caseId + "\"}");
        client.create(
                "CaseFile",
                "{\"Name\":\"javascript:alert(1)\",\"TypeId\":\"" + LINK_TYPE + "\",\"CaseId\":\"" + caseId + "\"}");
        String fileId = UUID.randomUUID().toString();
        upload(client, fileId, "чек.png", 3, caseId, new byte[] {1, 2, 3}, "bytes 0-2/3");

        HttpResponse<String> page = SandboxClient.exchange(
                HttpRequest.newBuilder(URI.create(client.url("/cases"))).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode());
        String html = page.body();
        int newerAt = html.indexOf(newer.getString("Number"));
        int olderAt = html.indexOf(older.getString("Number"));
        assertTrue(newerAt >= 0 && olderAt > newerAt, "newest first");
        for (String expected : new String[] {
            "Не печатает чек " + tag,
            "АТОЛ Онлайн",
            "Петрова Мария",
            "maria@example.ru",
            "ООО «Ромашка» " + tag,
            "Повторите, пожалуйста",
            "Клиент уточнил модель ККТ",
            "чек.png",
            "href=\"https://disk.example.ru/s/abc?x=1&amp;y=2\"",
            "видео.mp4"
        }) {
            assertTrue(html.contains(expected), expected);
        }
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "the description is escaped");
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("href=\"javascript:"), "only web links are clickable");

        String fileLink = client.applicationPath() + "/cases/files/" + fileId;
        assertTrue(html.contains("href=\"" + fileLink + "\""), html);
        HttpResponse<byte[]> file = SandboxClient.exchange(
                HttpRequest.newBuilder(URI.create(client.url("/cases/files/" + fileId)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(new byte[] {1, 2, 3}, file.body());
    }

    private static HttpResponse<String> upload(
            SandboxClient client,
            String fileId,
            String fileName,
            long total,
            String caseId,
            byte[] chunk,
            String contentRange) {
        String query = "?fileId=" + fileId + "&totalFileLength=" + total + "&mimeType="
                + SandboxClient.encode(mimeType(fileName))
                + "&fileName=" + SandboxClient.encode(fileName) + "&columnName=Data&entitySchemaName=CaseFile"
                + "&parentColumnName=Case&parentColumnValue=" + caseId;
        return client.sendBinary(
                "POST",
                "/0/rest/FileApiService/UploadFile" + query,
                chunk,
                Map.of("Content-Type", "application/octet-stream", "Content-Range", contentRange));
    }

    private static String mimeType(String fileName) {
        return fileName.endsWith(".jpg")
                ? "image/jpeg"
                : fileName.endsWith(".png") ? "image/png" : "application/octet-stream";
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
