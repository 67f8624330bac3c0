package io.casegate.delivery.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;

/**
 * A visitor who got a reference gets exactly one case, whatever happens to the CRM or to
 * Casegate. Casegate and the sandbox CRM run as separate Payara Micro processes, so that each can
 * fail without the other; the subclasses choose the database.
 */
abstract class DeliveryResilienceScenarios {

    static final String API_KEY = "resilience-it-key";
    static final int OUTAGE_SUBMISSIONS = 50;
    static final int CRASH_SUBMISSIONS = 20;

    static CasegateProcess sandbox;
    static CasegateProcess casegate;
    static Map<String, String> casegateSettings;

    /** Starts the sandbox CRM alone, then Casegate pointed at it, on the database the subclass gives. */
    static void startBoth(String name, Map<String, String> database) {
        sandbox = CasegateProcess.startSandbox(name + "-sandbox");
        Map<String, String> settings = new LinkedHashMap<>(database);
        settings.putAll(sandbox.crmSettings());
        settings.put("casegate.crm.read-timeout", "10s");
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.delivery.poll-interval", "PT1S");
        settings.put("casegate.delivery.retry.base", "PT1S");
        settings.put("casegate.delivery.retry.max", "PT4S");
        settings.put("casegate.delivery.retry.max-attempts", "1000");
        settings.put("casegate.delivery.attempt-timeout", "PT20S");
        casegateSettings = Map.copyOf(settings);
        casegate = CasegateProcess.start(name + "-casegate", "casegate", settings, "index.xhtml");
    }

    @AfterEach
    void crmWorksAgain() {
        if (sandbox != null) {
            crm().faults("{\"outage\":false,\"latencyMs\":0}");
        }
    }

    @AfterAll
    static void stopBoth() {
        if (casegate != null) {
            casegate.close();
            casegate = null;
        }
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    @Test
    void anOutageDelaysButLosesAndDuplicatesNothing() {
        String tag = "outage-" + UUID.randomUUID();
        crm().faults("{\"outage\":true}");
        long callsBefore = crm().stats().getJsonNumber("requests").longValue();

        Map<String, Answer> accepted = submit(api(), tag, 0, OUTAGE_SUBMISSIONS);
        accepted.values().forEach(answer -> {
            assertEquals(202, answer.status(), answer.body());
            assertNull(answer.text("caseNumber"), answer.body());
        });
        // Several attempts fail against the outage before the CRM comes back.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> crm().stats().getJsonNumber("requests").longValue() - callsBefore > OUTAGE_SUBMISSIONS);
        accepted.values()
                .forEach(answer ->
                        assertNull(api().status(answer.text("reference")).text("caseNumber")));
        crm().faults("{\"outage\":false}");

        Map<String, String> caseNumbers = awaitAllDelivered(accepted, Duration.ofMinutes(4));
        assertExactlyOneCaseEach(tag, accepted, caseNumbers);
    }

    @Test
    void aCrashOfCasegateMidDeliveryLosesAndDuplicatesNothing() {
        String tag = "crash-" + UUID.randomUUID();
        // The submissions wait out an outage, so that none is delivered while the next is still
        // being sent; then slow CRM calls keep all of them in flight together when the process dies.
        crm().faults("{\"outage\":true}");
        Map<String, Answer> accepted = submit(api(), tag, 0, CRASH_SUBMISSIONS);
        accepted.values().forEach(answer -> assertEquals(202, answer.status(), answer.body()));
        crm().faults("{\"outage\":false,\"latencyMs\":700}");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !casesTagged(tag).isEmpty());
        int deliveredBeforeCrash = casesTagged(tag).size();

        casegate.kill();
        assertTrue(
                deliveredBeforeCrash < CRASH_SUBMISSIONS,
                "the crash should interrupt deliveries, but all " + deliveredBeforeCrash + " were done");
        crm().faults("{\"latencyMs\":0}");
        casegate.startAgain("index.xhtml");

        Map<String, String> caseNumbers = awaitAllDelivered(accepted, Duration.ofMinutes(4));
        assertExactlyOneCaseEach(tag, accepted, caseNumbers);
    }

    /** Submissions {@code from} … {@code from + count − 1} of {@code tag}, each from a visitor of its own. */
    static Map<String, Answer> submit(ApiClient api, String tag, int from, int count) {
        Map<String, Answer> accepted = new LinkedHashMap<>();
        for (int i = from; i < from + count; i++) {
            String visitor = tag + "-" + i;
            Answer answer = api.submit(
                    ApiClient.distinctVisitor(visitor),
                    Map.of("report-" + i + ".txt", ("report " + i).getBytes()),
                    "key-" + visitor,
                    null);
            accepted.put(visitor, answer);
        }
        return accepted;
    }

    static Map<String, String> awaitAllDelivered(Map<String, Answer> accepted, Duration atMost) {
        Map<String, String> caseNumbers = new HashMap<>();
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (Answer answer : accepted.values()) {
                String reference = answer.text("reference");
                if (!caseNumbers.containsKey(reference)) {
                    String number = api().status(reference).text("caseNumber");
                    if (number != null) {
                        caseNumbers.put(reference, number);
                    }
                }
            }
            return caseNumbers.size() == accepted.size();
        });
        return caseNumbers;
    }

    /** Exactly one case per submission, under the number the visitor sees, and one contact and account per visitor. */
    static void assertExactlyOneCaseEach(String tag, Map<String, Answer> accepted, Map<String, String> caseNumbers) {
        List<JsonObject> cases = casesTagged(tag);
        assertEquals(accepted.size(), cases.size(), "cases in the CRM");
        assertEquals(accepted.size(), new HashSet<>(caseNumbers.values()).size(), "distinct case numbers");
        Map<String, String> caseNumberBySubject = cases.stream()
                .collect(Collectors.toMap(row -> row.getString("Subject"), row -> row.getString("Number")));
        accepted.forEach((visitor, answer) -> assertEquals(
                caseNumbers.get(answer.text("reference")),
                caseNumberBySubject.get("Не работает вход " + visitor),
                visitor));

        List<String> contactEmails = crm().rows("Contact", "Id,Email", "contains(Email,'" + tag + "')").stream()
                .map(row -> row.getString("Email"))
                .toList();
        assertEquals(accepted.size(), contactEmails.size(), "contacts");
        assertEquals(accepted.size(), new HashSet<>(contactEmails).size(), "distinct contacts");
        List<String> accountNames = crm().rows("Account", "Id,Name", "contains(Name,'" + tag + "')").stream()
                .map(row -> row.getString("Name"))
                .toList();
        assertEquals(accepted.size(), accountNames.size(), "accounts");
        assertEquals(accepted.size(), new HashSet<>(accountNames).size(), "distinct accounts");
    }

    static List<JsonObject> casesTagged(String tag) {
        return new ArrayList<>(crm().rows("Case", "Id,Number,Subject", "contains(Subject,'" + tag + "')"));
    }

    static ApiClient api() {
        return new ApiClient(casegate.url("api/"), API_KEY);
    }

    static CrmInspector crm() {
        return new CrmInspector(sandbox.url("sandbox/"));
    }
}
