import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container health check: exit 0 when the URL answers 200 (MicroProfile Health: UP), else 1.
 * Run by the JDK's source launcher, so the image needs no curl or wget. With
 * CASEGATE_MONITORING_TOKEN set (casegate.monitoring.token), it sends the token as Casegate then
 * requires; it never prints it.
 */
public class HealthProbe {
    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(5)).GET();
        String tokens = System.getenv("CASEGATE_MONITORING_TOKEN");
        if (tokens != null && !tokens.isBlank()) {
            // Several tokens (while one replaces another): any of them opens, the first is sent.
            request.header("Authorization", "Bearer " + tokens.split(",")[0].strip());
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (java.io.IOException e) {
            System.exit(1);
        }
    }
}
