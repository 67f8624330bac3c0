package io.casegate.sandbox.auth;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.casegate.sandbox.http.CrmRequest;
import io.casegate.sandbox.http.CrmResponse;
import io.casegate.sandbox.http.JsonBodies;
import io.casegate.sandbox.http.SandboxException;
import io.casegate.sandbox.state.Faults;
import io.casegate.sandbox.state.SandboxSettings;
import io.casegate.sandbox.state.Stats;

/**
 * Creatio's forms authentication (AuthService.svc), logout, the OAuth 2.0 client-credentials token
 * endpoint, and the gate that every other CRM call passes: session or token, then CSRF.
 */
public final class AuthService {

    public static final String LOGIN_PAGE = "/Login/NuiLogin.aspx";
    static final String BAD_CREDENTIALS =
            "Either invalid username or password specified, or your user account is inactive.";
    private static final long FORM_BODY_LIMIT = 64 * 1024;

    private final SandboxSettings settings;
    private final Sessions sessions;
    private final Faults faults;
    private final Stats stats;

    public AuthService(SandboxSettings settings, Sessions sessions, Faults faults, Stats stats) {
        this.settings = settings;
        this.sessions = sessions;
        this.faults = faults;
        this.stats = stats;
    }

    public CrmResponse login(CrmRequest request) {
        JsonObject body = JsonBodies.object(request.body(FORM_BODY_LIMIT));
        String user = stringField(body, "UserName");
        String password = stringField(body, "UserPassword");
        boolean valid = user.equalsIgnoreCase(settings.username()) & constantTimeEquals(password, settings.password());
        stats.login(valid);
        if (!valid) {
            return CrmResponse.json(
                    200,
                    JSON.createObjectBuilder()
                            .add("Code", 1)
                            .add("Message", BAD_CREDENTIALS)
                            .add("Exception", JSON.createObjectBuilder().add("Message", BAD_CREDENTIALS))
                            .add("PasswordChangeUrl", JsonValue.NULL)
                            .add("RedirectUrl", JsonValue.NULL)
                            .build());
        }
        Session session = sessions.open();
        String appPath = request.applicationPath();
        return CrmResponse.json(
                        200,
                        JSON.createObjectBuilder()
                                .add("Code", 0)
                                .add("Message", "")
                                .add("Exception", JsonValue.NULL)
                                .add("PasswordChangeUrl", JsonValue.NULL)
                                .add("RedirectUrl", JsonValue.NULL)
                                .build())
                .header("Set-Cookie", cookie("BPMLOADER", session.loaderId(), appPath, true))
                .header("Set-Cookie", cookie(".ASPXAUTH", session.authTicket(), appPath, true))
                .header("Set-Cookie", cookie("BPMCSRF", session.csrfToken(), "/", false))
                .header("Set-Cookie", cookie("BPMSESSIONID", session.sessionId(), appPath, true))
                .header("Set-Cookie", cookie("UserType", "General", appPath, false));
    }

    private static String stringField(JsonObject body, String name) {
        JsonValue value = body.get(name);
        return value instanceof JsonString text ? text.getString() : "";
    }

    /** Both logout routes: 200, the session that the cookie names ends, its cookies are cleared. */
    public CrmResponse logout(CrmRequest request) {
        request.cookie(".ASPXAUTH").filter(sessions::close).ifPresent(closed -> stats.logout());
        String appPath = request.applicationPath();
        return CrmResponse.empty(200)
                .header("Set-Cookie", expired(".ASPXAUTH", appPath))
                .header("Set-Cookie", expired("BPMCSRF", "/"))
                .header("Set-Cookie", expired("BPMSESSIONID", appPath));
    }

    /** {@code POST /connect/token}: client credentials in the form body or as HTTP Basic. */
    public CrmResponse token(CrmRequest request) {
        Map<String, String> form = formFields(new String(request.body(FORM_BODY_LIMIT), StandardCharsets.UTF_8));
        String clientId = form.getOrDefault("client_id", "");
        String clientSecret = form.getOrDefault("client_secret", "");
        Optional<String[]> basic = basicCredentials(request);
        if (basic.isPresent()) {
            clientId = basic.get()[0];
            clientSecret = basic.get()[1];
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError("unsupported_grant_type");
        }
        if (!(clientId.equals(settings.clientId()) & constantTimeEquals(clientSecret, settings.clientSecret()))) {
            return oauthError("invalid_client");
        }
        BearerToken token = sessions.issueToken(faults.tokenLifetimeSeconds());
        stats.tokenIssued();
        return CrmResponse.json(
                        200,
                        JSON.createObjectBuilder()
                                .add("access_token", token.value())
                                .add("expires_in", token.lifetimeSeconds())
                                .add("token_type", "Bearer")
                                .add("scope", "ApplicationAccess_" + settings.clientId())
                                .build())
                .header("Cache-Control", "no-store");
    }

    private static CrmResponse oauthError(String error) {
        return CrmResponse.json(
                400, JSON.createObjectBuilder().add("error", error).build());
    }

    private static Optional<String[]> basicCredentials(CrmRequest request) {
        return request.header("Authorization")
                .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
                .map(value -> {
                    try {
                        String decoded = new String(
                                Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
                        int colon = decoded.indexOf(':');
                        return colon < 0
                                ? new String[] {decoded, ""}
                                : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
                    } catch (IllegalArgumentException e) {
                        return new String[] {"", ""};
                    }
                });
    }

    private static Map<String, String> formFields(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw SandboxException.badRequest("The form body is not correctly encoded.");
                }
            }
        }
        return fields;
    }

    /**
     * Lets the call through or answers it: 401, or 302 to the login page in redirect mode, for a missing
     * or expired session or token; 403 for a modifying call whose BPMCSRF header differs from the
     * session's token.
     */
    public Optional<CrmResponse> admit(CrmRequest request) {
        Optional<String> authorization =
                request.header("Authorization").filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7));
        if (authorization.isPresent()) {
            Optional<BearerToken> token =
                    sessions.validToken(authorization.get().substring(7).trim());
            if (token.isEmpty()) {
                return Optional.of(CrmResponse.error(401, "The access token is missing, invalid or expired.")
                        .header("WWW-Authenticate", "Bearer error=\"invalid_token\""));
            }
            return Optional.empty();
        }
        Optional<Session> session = request.cookie(".ASPXAUTH").flatMap(sessions::resume);
        if (session.isEmpty()) {
            return Optional.of(unauthenticated(request));
        }
        if (request.isModifying()
                && !constantTimeEquals(
                        request.header("BPMCSRF").orElse(""), session.get().csrfToken())) {
            return Optional.of(CrmResponse.error(
                    403, "The BPMCSRF header is missing or does not match the session's CSRF token."));
        }
        return Optional.empty();
    }

    private CrmResponse unauthenticated(CrmRequest request) {
        if (!faults.redirectToLogin()) {
            return CrmResponse.error(401, "The session is missing or has expired. Log in again.");
        }
        String original = request.applicationPath()
                + request.path()
                + (request.rawQuery() == null || request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        return CrmResponse.empty(302)
                .header(
                        "Location",
                        request.applicationUrl() + LOGIN_PAGE + "?ReturnUrl="
                                + URLEncoder.encode(original, StandardCharsets.UTF_8));
    }

    private static String cookie(String name, String value, String path, boolean httpOnly) {
        return name + "=" + value + "; path=" + path + (httpOnly ? "; HttpOnly" : "");
    }

    private static String expired(String name, String path) {
        return name + "=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; path=" + path;
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
