package io.casegate.sandbox.files;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonValue;

import io.casegate.sandbox.http.CrmRequest;
import io.casegate.sandbox.http.CrmResponse;
import io.casegate.sandbox.http.SandboxException;
import io.casegate.sandbox.odata.Database;
import io.casegate.sandbox.odata.EntityType;
import io.casegate.sandbox.odata.Lookups;
import io.casegate.sandbox.odata.Row;
import io.casegate.sandbox.odata.Schema;
import io.casegate.sandbox.odata.StoredFile;

/**
 * Creatio's file services: {@code FileApiService/UploadFile} in chunks and
 * {@code FileService/Download/CaseFile/{id}}. Refusals of UploadFile are HTTP 200 with
 * {@code success:false}, as Creatio's configuration services report errors in the body.
 */
public final class FileApi {

    public static final String DOWNLOAD_PREFIX = "/0/rest/FileService/Download/";
    /** Unfinished uploads hold up to MaxFileSize of memory each; this bounds the total. */
    private static final int MAX_UNFINISHED_UPLOADS = 50;

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

    private final Database database;
    private final long maxFileSizeBytes;
    private final Map<UUID, ChunkAssembly> uploads = new ConcurrentHashMap<>();

    public FileApi(Database database, long maxFileSizeBytes) {
        this.database = database;
        this.maxFileSizeBytes = maxFileSizeBytes;
    }

    public CrmResponse upload(CrmRequest request) {
        try {
            return uploadChunk(request);
        } catch (UploadRefused e) {
            return CrmResponse.json(
                    200,
                    JSON.createObjectBuilder()
                            .add("success", false)
                            .add(
                                    "errorInfo",
                                    JSON.createObjectBuilder()
                                            .add("errorCode", e.code)
                                            .add("message", e.getMessage())
                                            .add("stackTrace", JsonValue.NULL))
                            .build());
        }
    }

    private CrmResponse uploadChunk(CrmRequest request) {
        String entitySchemaName = request.queryParameter("entitySchemaName").orElse(Schema.CASE_FILE);
        if (!entitySchemaName.equals(Schema.CASE_FILE)) {
            throw new UploadRefused(
                    "ArgumentException", "The sandbox stores files of CaseFile only, not " + entitySchemaName + ".");
        }
        EntityType type = database.schema().require(Schema.CASE_FILE);
        UUID fileId = guid(request.queryParameter("fileId").orElse(""), "fileId");
        long total = request.queryParameter("totalFileLength")
                .map(this::length)
                .orElseThrow(() -> new UploadRefused(
                        "ArgumentNullOrEmptyException", "The parameter totalFileLength is required."));
        if (total > maxFileSizeBytes) {
            throw new UploadRefused(
                    "MaxFileSizeExceededException",
                    "The file size " + total + " bytes exceeds the maximum allowed by the MaxFileSize setting ("
                            + maxFileSizeBytes + " bytes).");
        }
        String fileName = request.queryParameter("fileName").orElse("file");
        String mimeType = request.queryParameter("mimeType")
                .filter(value -> !value.isBlank())
                .orElse("application/octet-stream");
        byte[] chunk;
        try {
            chunk = request.body(maxFileSizeBytes);
        } catch (SandboxException e) {
            throw new UploadRefused(
                    "MaxFileSizeExceededException",
                    "The chunk exceeds the maximum file size (" + maxFileSizeBytes + " bytes).");
        }
        long start = request.header("Content-Range").map(FileApi::rangeStart).orElse(0L);
        ensureRecord(request, type, fileId, fileName, total);
        if (uploads.size() >= MAX_UNFINISHED_UPLOADS && !uploads.containsKey(fileId)) {
            throw new UploadRefused(
                    "TooManyUploadsException",
                    "Too many unfinished uploads (" + MAX_UNFINISHED_UPLOADS + "); finish or abandon some first.");
        }
        ChunkAssembly assembly = uploads.computeIfAbsent(fileId, id -> new ChunkAssembly((int) total));
        Optional<byte[]> complete;
        synchronized (assembly) {
            if (assembly.total() != total) {
                throw new UploadRefused("ArgumentException", "totalFileLength changed between chunks.");
            }
            if (!assembly.accept(start, chunk)) {
                throw new UploadRefused(
                        "ArgumentOutOfRangeException",
                        "The chunk (" + chunk.length + " bytes at " + start + ") lies outside the file of " + total
                                + " bytes.");
            }
            complete = assembly.completed();
        }
        if (complete.isPresent()) {
            uploads.remove(fileId, assembly);
            database.storeContent(type, fileId, new StoredFile(complete.get(), mimeType));
        }
        return CrmResponse.json(
                200,
                JSON.createObjectBuilder()
                        .add("success", true)
                        .add("errorInfo", JsonValue.NULL)
                        .add("fileId", fileId.toString())
                        .add(
                                "uploadedBytes",
                                complete.map(bytes -> (long) bytes.length).orElse(assembly.received()))
                        .add("totalFileLength", total)
                        .build());
    }

    private long length(String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UploadRefused(
                "ArgumentException", "totalFileLength must be a non-negative number, got '" + text + "'.");
    }

    /** Creates the CaseFile record from the query parameters when the client did not create it first. */
    private void ensureRecord(CrmRequest request, EntityType type, UUID fileId, String fileName, long total) {
        if (database.find(type, fileId).isPresent()) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", fileId);
        values.put("Name", fileName);
        values.put("TypeId", Lookups.FILE_TYPE_FILE);
        values.put("TotalSize", total);
        String parentColumn = request.queryParameter("parentColumnName").orElse("");
        Optional<String> parentValue =
                request.queryParameter("parentColumnValue").filter(value -> !value.isBlank());
        if (parentValue.isPresent()) {
            String column = parentColumn.isBlank() ? "Case" : parentColumn;
            String lookupColumn = column.endsWith("Id") ? column : column + "Id";
            if (!type.hasColumn(lookupColumn)) {
                throw new UploadRefused("ArgumentException", "CaseFile has no column " + column + ".");
            }
            values.put(lookupColumn, guid(parentValue.get(), "parentColumnValue"));
        }
        try {
            database.insert(type, values);
        } catch (SandboxException e) {
            if (database.find(type, fileId).isEmpty()) {
                throw new UploadRefused("DbOperationException", e.getMessage());
            }
        }
    }

    /**
     * The declared start of a chunk. Real clients send RFC 7233 ranges ({@code bytes 0-511/T}), an
     * exclusive end ({@code bytes 0-512/T}) or one-based ranges ({@code bytes 1-512/T}); only the start
     * matters, since the body says how many bytes follow ({@link ChunkAssembly} places it).
     */
    private static long rangeStart(String header) {
        Matcher range = CONTENT_RANGE.matcher(header.trim());
        if (!range.matches()) {
            throw new UploadRefused("ArgumentException", "Malformed Content-Range '" + header + "'.");
        }
        return Long.parseLong(range.group(1));
    }

    public CrmResponse download(CrmRequest request, String rest) {
        String[] parts = rest.split("/");
        if (parts.length != 2 || !parts[0].equals(Schema.CASE_FILE)) {
            throw SandboxException.notFound("The sandbox serves downloads of CaseFile only: " + rest);
        }
        return download(guid404(parts[1]));
    }

    /** The file as a download, for the CRM route and the sandbox's own cases page alike. */
    public CrmResponse download(UUID fileId) {
        EntityType type = database.schema().require(Schema.CASE_FILE);
        Row row = database.find(type, fileId)
                .orElseThrow(() -> SandboxException.notFound("No CaseFile record with Id " + fileId + "."));
        StoredFile file = database.content(fileId)
                .orElseThrow(() -> SandboxException.notFound("The CaseFile " + fileId + " has no content."));
        return CrmResponse.bytes(200, file.mimeType(), file.bytes())
                .header("Content-Disposition", ContentDisposition.attachment(row.text("Name")));
    }

    private static UUID guid404(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw SandboxException.notFound("Not a file id: " + text);
        }
    }

    private static UUID guid(String text, String parameter) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new UploadRefused(
                    "ArgumentException", "The parameter " + parameter + " must be a GUID, got '" + text + "'.");
        }
    }

    private static final class UploadRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        UploadRefused(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
