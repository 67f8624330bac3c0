package io.casegate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.casegate.testing.Deployments;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.casegate();
    }

    @ArquillianResource
    URL base;

    @Test
    void formPageIsServedInRussianByDefault() throws Exception {
        HttpResponse<String> page = get(null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Обращение в техническую поддержку"), page.body());
    }

    @Test
    void formPageIsServedInEnglishWhenTheBrowserPrefersIt() throws Exception {
        HttpResponse<String> page = get("en-GB,en;q=0.9,ru;q=0.5");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Contact technical support"), page.body());
    }

    private HttpResponse<String> get(String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
