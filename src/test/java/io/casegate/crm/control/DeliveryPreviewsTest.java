package io.casegate.crm.control;

import static io.casegate.platform.Jsonp.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.client.Entity;

import org.junit.jupiter.api.Test;

import io.casegate.crm.boundary.CrmCases;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmFile;
import io.casegate.crm.entity.DeliveryPreview;
import io.casegate.crm.entity.NewAccount;
import io.casegate.crm.entity.NewCase;
import io.casegate.crm.entity.NewContact;
import io.casegate.crm.entity.NewMessage;
import io.casegate.testing.MapConfig;
import io.casegate.testing.MovableClock;

/**
 * The admin page's "what a delivery writes" says what CrmCases really sends: each record is posted
 * through CrmCases to a scripted CRM, and the columns of the body are those the preview lists
 * (less the CRM's own Number, and the ids left to the CRM's defaults).
 */
class DeliveryPreviewsTest {

    /** Records what was posted where, and answers a created case with its number. */
    static final class RecordingCrm extends CrmTransport {
        final List<String> paths = new ArrayList<>();
        final List<Set<String>> columns = new ArrayList<>();

        RecordingCrm() {
            super(null, null);
        }

        @Override
        public URI crmUrl() {
            return URI.create("http://127.0.0.1:1/crm");
        }

        @Override
        Exchange exchange(String method, URI uri, Map<String, String> headers, Entity<?> body) {
            if (uri.getPath().endsWith("/Login")) {
                return new Exchange(
                        200, "application/json", Map.of("Set-Cookie", List.of("BPMCSRF=csrf")), "{\"Code\":0}", 1);
            }
            paths.add(method + " " + uri.getPath().replaceFirst("^/crm", ""));
            columns.add(JSON.createReader(new StringReader((String) body.getEntity()))
                    .readObject()
                    .keySet());
            return new Exchange(201, "application/json", Map.of(), "{\"Number\":\"SR00000001\"}", 1);
        }
    }

    static final UUID ID = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2026-12-01T14:00:00Z");

    static void holdsFor(Map<String, String> config) {
        Map<String, String> all = new java.util.HashMap<>(config);
        all.put("casegate.crm.url", "http://127.0.0.1:1/crm");
        CrmSettings settings = CrmSettings.from(MapConfig.of(all));
        RecordingCrm crm = new RecordingCrm();
        CrmCases cases =
                new CrmCases(settings, new CrmClient(new CrmSession(settings, crm, new MovableClock(NOW)), crm));

        cases.createAccount(new NewAccount(ID, "ООО Ромашка", "7707083893"), CrmCallObserver.NONE);
        cases.createContact(
                new NewContact(ID, "Иван Петров", "ivan@example.com", "+79165554433", ID), CrmCallObserver.NONE);
        cases.createCase(new NewCase(ID, "Subject", "Description", ID, ID, ID, NOW), CrmCallObserver.NONE);
        cases.createMessage(
                new NewMessage(ID, ID, ID, ID, "ivan@example.com", "Subject", "Text", NOW), CrmCallObserver.NONE);
        cases.attachLink(
                new CrmFile(ID, ID, ID, "video.mp4", "video/mp4", 1, null),
                "https://casegate/files/x",
                CrmCallObserver.NONE);

        List<DeliveryPreview.Record> preview = DeliveryPreviews.of(settings.mapping()).records().stream()
                .filter(record -> !record.record().equals("file"))
                .toList();
        assertEquals(preview.stream().map(DeliveryPreview.Record::route).toList(), crm.paths, "the records, in order");
        for (int i = 0; i < preview.size(); i++) {
            Set<String> written = new LinkedHashSet<>();
            for (DeliveryPreview.Column column : preview.get(i).columns()) {
                if (!column.source().equals("crmDefault") && !column.source().equals("crmNumber")) {
                    written.add(column.column());
                }
            }
            assertEquals(written, crm.columns.get(i), preview.get(i).record() + " for " + config);
        }
    }

    @Test
    void theDefaultMappingWritesWhatThePreviewSays() {
        holdsFor(Map.of());
    }

    @Test
    void aMappingWithAnInnColumnTheMessageHistoryAndTheCaseLookupsWritesWhatThePreviewSays() {
        holdsFor(Map.of(
                "casegate.crm.account-inn-column",
                "UsrInn",
                "casegate.crm.message-target",
                "case-message-history",
                "casegate.crm.case-origin-id",
                UUID.randomUUID().toString(),
                "casegate.crm.case-priority-id",
                UUID.randomUUID().toString(),
                "casegate.crm.case-status-id",
                UUID.randomUUID().toString(),
                "casegate.crm.rename",
                "Case.Symptoms=UsrDescription"));
    }

    @Test
    void filesOnTheMessageGoToItsFileEntitySet() {
        holdsFor(Map.of("casegate.crm.attachment-target", "message", "casegate.crm.activity.owner-id", ID.toString()));
        DeliveryPreview.Record file = DeliveryPreviews.of(
                        CrmSettings.from(MapConfig.of(Map.of("casegate.crm.attachment-target", "message")))
                                .mapping())
                .records()
                .get(4);
        assertEquals("ActivityFile", file.entitySet());
        assertEquals("POST /0/rest/FileApiService/UploadFile", file.route());
    }
}
