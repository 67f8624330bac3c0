package io.casegate.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.SampleFiles;

/** What the bench sends, as a site's server sends it: visitors of their own, each with a 100 KB report. */
final class Traffic {

    /**
     * HTTP/1.1, one connection per request in flight, as a site's server posts to Casegate (and the
     * brief's integration calls the CRM); the default client would try an h2c upgrade first.
     */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8, LoadLoop.daemonThreads("http")))
            .build();

    static final byte[] REPORT = SampleFiles.randomBytes(100 * 1024, 1);
    static final String REPORT_NAME = "report.pdf";

    /** How often a waiting client asks for the case number: the time to case includes up to this much polling. */
    private static final long POLL_MILLIS = 10;

    private Traffic() {}

    /** A visitor of their own; the same tag gives the same visitor (e-mail, phone, INN) again, as one who returns. */
    static Map<String, String> visitor(String tag) {
        return ApiClient.distinctVisitor(tag, new Random(tag.hashCode()));
    }

    /** Posts the visitor's submission with the report through the REST intake. */
    static Answer submit(ApiClient api, String tag) {
        return api.submit(visitor(tag), Map.of(REPORT_NAME, REPORT), null, null);
    }

    /** The same, failing unless the intake accepted it; answers its reference. */
    static String submitAccepted(ApiClient api, String tag) {
        return reference(submit(api, tag), "intake");
    }

    /** The reference of an accepted submission (202); anything else fails the scenario with {@code what} and the answer. */
    static String reference(Answer answer, String what) {
        if (answer.status() != 202) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.text("reference");
    }

    /** Polls the submission's status; answers System.nanoTime() when its case number was first seen. */
    static long awaitCaseNumber(ApiClient api, String reference, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (api.status(reference).text("caseNumber") != null) {
                return System.nanoTime();
            }
            LoadLoop.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(reference + " got no case number within " + timeout);
    }
}
