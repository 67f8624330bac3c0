package io.casegate.sandbox;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.casegate.sandbox.auth.AuthService;
import io.casegate.sandbox.auth.Sessions;
import io.casegate.sandbox.files.FileApi;
import io.casegate.sandbox.http.CrmRequest;
import io.casegate.sandbox.http.CrmResponse;
import io.casegate.sandbox.http.SandboxException;
import io.casegate.sandbox.odata.Database;
import io.casegate.sandbox.odata.Lookups;
import io.casegate.sandbox.odata.ODataService;
import io.casegate.sandbox.odata.Schema;
import io.casegate.sandbox.pages.SandboxPages;
import io.casegate.sandbox.state.Faults;
import io.casegate.sandbox.state.SandboxClock;
import io.casegate.sandbox.state.SandboxSettings;
import io.casegate.sandbox.state.Stats;

/**
 * The sandbox CRM's single entry point and router. It answers only the {@link AllowedClients} (403 to
 * others, before anything else). Its own endpoints ({@code _faults}, {@code _stats},
 * the pages) need no CRM session and ignore faults; every other call is a CRM call: counted, delayed,
 * possibly failed by a fault, then authenticated and CSRF-checked unless it is a login-type route.
 */
class SandboxServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SandboxServlet.class.getName());
    private static final Set<String> KNOWN_ROUTES = Set.of(
            "/ServiceModel/AuthService.svc/Login",
            "/ServiceModel/AuthService.svc/Logout",
            "/0/rest/MainMenuService/Logout",
            "/connect/token",
            "/0/connect/token",
            "/0/rest/FileApiService/UploadFile",
            "/0/rest/FileApiService/Upload",
            "/0/ServiceModel/UserInfoService.svc/GetCurrentUserInfo");

    private final transient SandboxSettings settings;
    private final transient Faults faults;
    private final transient Stats stats = new Stats();
    private final transient Sessions sessions;
    private final transient AuthService auth;
    private final transient Database database;
    private final transient ODataService odata;
    private final transient FileApi files;
    private final transient SandboxPages pages;
    private final transient FaultsEndpoint faultsEndpoint;
    private final transient AllowedClients clients;

    SandboxServlet(SandboxSettings settings, AllowedClients clients) {
        this.settings = settings;
        this.clients = clients;
        this.faults = new Faults(settings);
        Clock clock = new SandboxClock(Clock.systemUTC(), faults);
        this.sessions = new Sessions(faults, clock);
        this.database = new Database(clock, new Schema(settings.accountInnColumn()));
        this.auth = new AuthService(settings, sessions, faults, stats);
        this.odata = new ODataService(
                database, settings.maxJsonBodyBytes(), settings.maxFileSizeBytes(), settings.caseInsensitiveStrings());
        this.odata.failCreates(faults::failsCreatesOf);
        this.files = new FileApi(database, settings.maxFileSizeBytes());
        this.pages = new SandboxPages(database, files);
        this.faultsEndpoint = new FaultsEndpoint(faults, sessions, stats);
    }

    @Override
    protected void service(HttpServletRequest servletRequest, HttpServletResponse servletResponse) throws IOException {
        if (!clients.admits(servletRequest.getRemoteAddr())) {
            // Before anything is read or counted: a stranger learns only that this is not for him.
            write(
                    CrmResponse.error(403, "The sandbox CRM answers only the clients in " + AllowedClients.KEY + "."),
                    servletResponse,
                    servletRequest.getMethod());
            return;
        }
        CrmRequest request = null;
        CrmResponse response;
        try {
            request = toCrmRequest(servletRequest);
            response = route(request);
        } catch (SandboxException e) {
            response = CrmResponse.error(e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            response = CrmResponse.error(400, "The request URL is not valid: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Sandbox CRM failed on " + servletRequest.getMethod() + " " + servletRequest.getRequestURI(),
                    e);
            response = CrmResponse.error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (request != null) {
            request.discardUnreadBody();
        }
        write(response, servletResponse, servletRequest.getMethod());
    }

    private CrmResponse route(CrmRequest request) {
        String path = request.path();
        Optional<CrmResponse> own = sandboxOwn(request, path);
        if (own.isPresent()) {
            return own.get();
        }
        stats.request(route(path));
        stats.entered();
        try {
            return call(request, path);
        } finally {
            stats.left();
        }
    }

    /** A CRM call, counted and in flight. */
    private CrmResponse call(CrmRequest request, String path) {
        faults.delay();
        if (faults.outage()) {
            return CrmResponse.error(503, "The service is unavailable (sandbox outage fault).");
        }
        if (faults.drawsError()) {
            return CrmResponse.error(500, "Simulated server error (sandbox errorRate fault).");
        }
        switch (path) {
            case "/ServiceModel/AuthService.svc/Login":
                return post(request, () -> auth.login(request));
            case "/ServiceModel/AuthService.svc/Logout":
            case "/0/rest/MainMenuService/Logout":
                return post(request, () -> auth.logout(request));
            case "/connect/token":
            case "/0/connect/token":
                return post(request, () -> auth.token(request));
            default:
                break;
        }
        Optional<CrmResponse> refused = auth.admit(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        for (String root : new String[] {"/0/odata", "/odata"}) {
            if (path.equals(root + "/$batch") && faults.batchRefusedStatus() != 0) {
                // ASP.NET Web API's words for a route it does not have.
                return CrmResponse.error(
                        faults.batchRefusedStatus(),
                        "No HTTP resource was found that matches the request URI '" + path + "'.");
            }
            if (path.equals(root) || path.startsWith(root + "/")) {
                return odata.handle(request, root, path.substring(Math.min(path.length(), root.length() + 1)));
            }
        }
        // 8.x clients call UploadFile, 7.x-era clients Upload, with the same query parameters.
        if (path.equals("/0/rest/FileApiService/UploadFile") || path.equals("/0/rest/FileApiService/Upload")) {
            return post(request, () -> files.upload(request));
        }
        if (path.startsWith(FileApi.DOWNLOAD_PREFIX)) {
            return files.download(request, path.substring(FileApi.DOWNLOAD_PREFIX.length()));
        }
        if (path.equals("/0/ServiceModel/UserInfoService.svc/GetCurrentUserInfo")) {
            return CrmResponse.json(
                    200,
                    JSON.createObjectBuilder()
                            .add("UserName", settings.username())
                            .add("ContactId", Lookups.SUPERVISOR.toString())
                            .add("CultureName", "ru-RU")
                            .build());
        }
        return CrmResponse.error(404, "No CRM service at " + path + ".");
    }

    /** The route of a CRM call as {@code _stats} counts it: OData calls by root, others by path. */
    private static String route(String path) {
        for (String root : new String[] {"/0/odata", "/odata"}) {
            if (path.equals(root) || path.startsWith(root + "/")) {
                return root;
            }
        }
        if (path.startsWith(FileApi.DOWNLOAD_PREFIX)) {
            return FileApi.DOWNLOAD_PREFIX + "*";
        }
        // Unknown paths are counted together, so that a client cannot grow the map without bound.
        return KNOWN_ROUTES.contains(path) ? path : "other";
    }

    private Optional<CrmResponse> sandboxOwn(CrmRequest request, String path) {
        if (path.equals("/_faults")) {
            return Optional.of(faultsEndpoint.handle(request));
        }
        if (path.equals("/_stats")) {
            return Optional.of(CrmResponse.json(200, stats.toJson()));
        }
        if (path.equals("/")
                || path.equals("/cases")
                || path.startsWith("/cases/")
                || path.equals(AuthService.LOGIN_PAGE)) {
            return Optional.of(pages.handle(request, path));
        }
        return Optional.empty();
    }

    private static CrmResponse post(CrmRequest request, Supplier<CrmResponse> handler) {
        if (!request.method().equals("POST")) {
            return CrmResponse.error(405, "Only POST is allowed on " + request.path() + ".");
        }
        return handler.get();
    }

    private static CrmRequest toCrmRequest(HttpServletRequest request) throws IOException {
        String mount = request.getContextPath() + SandboxRegistration.MOUNT;
        String uri = request.getRequestURI();
        String path = uri.length() > mount.length() ? uri.substring(mount.length()) : "/";
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            headers.put(name, request.getHeader(name));
        }
        Map<String, String> cookies = new LinkedHashMap<>();
        Cookie[] given = request.getCookies();
        if (given != null) {
            for (Cookie cookie : given) {
                cookies.putIfAbsent(cookie.getName(), cookie.getValue());
            }
        }
        String url = request.getRequestURL().toString();
        String applicationUrl = url.substring(0, url.indexOf(mount, url.indexOf("//") + 2) + mount.length());
        return new CrmRequest(
                request.getMethod(),
                path,
                request.getQueryString(),
                headers,
                cookies,
                applicationUrl,
                mount,
                request.getInputStream(),
                request.getContentLengthLong(),
                null);
    }

    private static void write(CrmResponse response, HttpServletResponse servletResponse, String method)
            throws IOException {
        servletResponse.setStatus(response.status());
        for (Map.Entry<String, String> header : response.headers()) {
            servletResponse.addHeader(header.getKey(), header.getValue());
        }
        if (response.status() == 413) {
            // The unread rest of an oversized body must not be drained: close the connection instead.
            servletResponse.setHeader("Connection", "close");
        }
        if (response.contentType() != null) {
            servletResponse.setContentType(response.contentType());
        }
        byte[] body = response.body();
        servletResponse.setContentLengthLong(body.length);
        if (body.length > 0 && !method.equals("HEAD")) {
            try (OutputStream out = servletResponse.getOutputStream()) {
                out.write(body);
            }
        }
    }
}
