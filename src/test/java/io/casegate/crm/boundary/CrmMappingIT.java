package io.casegate.crm.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.SandboxCrm;

/**
 * The mapping as an operator sets it, from the environment, in a Casegate of its own: the word
 * {@code none} switches the INN column off even though the CRM has one, and the case category whose
 * default is Incident (an empty variable could not: MicroProfile Config would take it as missing).
 * The INN then reaches the case's description only, and the delivery goes through.
 */
class CrmMappingIT {

    static final String API_KEY = "mapping-it-key";

    static CasegateProcess casegate;

    @BeforeAll
    static void start() {
        casegate = CasegateProcess.startWithEnvironment(
                "mapping-casegate",
                "casegate",
                Map.of(
                        "casegate.sandbox.enabled",
                        "true",
                        "casegate.data.dir",
                        Path.of("target", "it-data", "mapping-" + UUID.randomUUID())
                                .toString(),
                        "casegate.api.keys",
                        API_KEY,
                        // A CRM that has a custom INN column, which the operator chooses not to use.
                        "casegate.sandbox.account-inn-column",
                        "UsrINN",
                        "casegate.delivery.poll-interval",
                        "PT1S"),
                Map.of("CASEGATE_CRM_ACCOUNT_INN_COLUMN", "none", "CASEGATE_CRM_CASE_CATEGORY_ID", "none"),
                "sandbox/_stats");
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
    }

    @Test
    void noneFromTheEnvironmentSwitchesTheInnColumnOffAndTheInnGoesIntoTheDescription() {
        ApiClient api = new ApiClient(casegate.url("api/"), API_KEY);
        Map<String, String> visitor = ApiClient.distinctVisitor("inn-" + UUID.randomUUID());
        Answer accepted = api.submit(visitor, Map.of("a.txt", "x".getBytes(StandardCharsets.UTF_8)), null, null);
        assertEquals(202, accepted.status(), accepted.body());

        Answer delivered = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.status(accepted.text("reference")),
                        answer -> answer.text("caseNumber") != null || "DELAYED".equals(answer.text("status")));
        assertEquals("DELIVERED", delivered.text("status"), delivered.body());

        SandboxCrm crm = new SandboxCrm(casegate.url("sandbox"));
        List<JsonObject> cases = crm.list("Case", "Number eq '" + delivered.text("caseNumber") + "'");
        assertEquals(1, cases.size());
        JsonObject opened = cases.get(0);
        assertTrue(
                opened.getString("Symptoms").contains(visitor.get("inn")),
                () -> "the INN is in the description: " + opened.getString("Symptoms"));
        assertEquals(
                "00000000-0000-0000-0000-000000000000",
                opened.getString("CategoryId"),
                "no category sent: the CRM's own default (none in the sandbox), not Incident");
        JsonObject account = crm.get("Account", UUID.fromString(opened.getString("AccountId")));
        assertEquals(visitor.get("organisation"), account.getString("Name"));
        assertEquals("", account.getString("UsrINN"), "the CRM's INN column is left alone: " + account);
    }
}
