package io.casegate.sandbox.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.casegate.sandbox.auth.AuthService;
import io.casegate.sandbox.files.FileApi;
import io.casegate.sandbox.http.CrmRequest;
import io.casegate.sandbox.http.CrmResponse;
import io.casegate.sandbox.http.SandboxException;
import io.casegate.sandbox.odata.Database;
import io.casegate.sandbox.odata.EntityType;
import io.casegate.sandbox.odata.Lookups;
import io.casegate.sandbox.odata.Row;
import io.casegate.sandbox.odata.Schema;

/**
 * The sandbox's own HTML pages: the start page, the CRM's login page (target of the 302 mode) and
 * the cases as a support agent sees them, newest first. Everything from the data is escaped.
 */
public final class SandboxPages {

    private static final String HTML = "text/html; charset=utf-8";
    private static final String FILES_PREFIX = "/cases/files/";
    private static final String FILE_BADGE = "<span class=\"kind\">файл</span> ";
    private static final String LINK_BADGE = "<span class=\"kind link\">ссылка</span> ";
    private static final DateTimeFormatter MOSCOW_TIME =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZoneId.of("Europe/Moscow"));

    private final Database database;
    private final FileApi files;

    public SandboxPages(Database database, FileApi files) {
        this.database = database;
        this.files = files;
    }

    public CrmResponse handle(CrmRequest request, String path) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return CrmResponse.error(405, "Only GET is allowed on " + path + ".");
        }
        if (path.startsWith(FILES_PREFIX)) {
            try {
                return files.download(UUID.fromString(path.substring(FILES_PREFIX.length())));
            } catch (IllegalArgumentException e) {
                throw SandboxException.notFound("Not a file id: " + path);
            }
        }
        String base = request.applicationPath();
        return switch (path) {
            case "/" -> CrmResponse.text(200, HTML, page("Песочница CRM", startPage(base)));
            case AuthService.LOGIN_PAGE -> CrmResponse.text(200, HTML, page("Вход", loginPage()));
            case "/cases" -> CrmResponse.text(200, HTML, page("Обращения — песочница CRM", casesPage(base)));
            default -> throw SandboxException.notFound("No page at " + path + ".");
        };
    }

    private static String startPage(String base) {
        return "<h1>Песочница CRM</h1>"
                + "<p>Встроенная имитация CRM с веб-API Creatio: вход через AuthService.svc, OData 4, файлы. "
                + "Используется для демонстрации и тестов; в рабочей установке выключена.</p><ul>"
                + "<li><a href=\"" + Html.escape(base) + "/cases\">Обращения</a></li>"
                + "<li><a href=\"" + Html.escape(base) + "/_faults\">Сбои (_faults)</a></li>"
                + "<li><a href=\"" + Html.escape(base) + "/_stats\">Счётчики (_stats)</a></li>"
                + "<li>OData: <code>" + Html.escape(base) + "/0/odata/</code> (нужен вход)</li></ul>";
    }

    private static String loginPage() {
        return "<h1>Вход в систему</h1><p>Сеанс истёк или отсутствует. Войдите снова: "
                + "<code>POST ServiceModel/AuthService.svc/Login</code> с полями UserName и UserPassword.</p>"
                + "<form onsubmit=\"return false\"><p><label>Имя пользователя <input name=\"UserName\"></label></p>"
                + "<p><label>Пароль <input type=\"password\" name=\"UserPassword\"></label></p></form>";
    }

    private String casesPage(String base) {
        EntityType caseType = database.schema().require(Schema.CASE);
        List<Row> cases = new ArrayList<>(database.list(caseType));
        cases.sort(Comparator.comparing((Row row) -> (Instant) row.get("CreatedOn"))
                .thenComparingLong(Row::sequence)
                .reversed());
        StringBuilder html = new StringBuilder("<h1>Обращения</h1>");
        html.append("<p class=\"muted\">Всего: ").append(cases.size()).append(". Новые сверху.</p>");
        if (cases.isEmpty()) {
            html.append("<p class=\"empty\">Обращений пока нет.</p>");
        }
        for (Row row : cases) {
            html.append(caseCard(base, row));
        }
        return html.toString();
    }

    private String caseCard(String base, Row row) {
        UUID caseId = row.id();
        Row contact = related(Schema.CONTACT, row.get("ContactId"));
        Row account = related(Schema.ACCOUNT, row.get("AccountId"));
        StringBuilder html = new StringBuilder("<article class=\"case\" id=\"case-")
                .append(Html.escape(row.text("Number")))
                .append("\">");
        html.append("<header><span class=\"number\">")
                .append(Html.escape(row.text("Number")))
                .append("</span> ")
                .append("<span class=\"subject\">")
                .append(Html.escape(row.text("Subject")))
                .append("</span>")
                .append("<span class=\"status\">")
                .append(Html.escape(name(Schema.CASE_STATUS, row.get("StatusId"))))
                .append("</span></header><dl>");
        field(
                html,
                "Зарегистрировано",
                formatTime(row.get("RegisteredOn") != null ? row.get("RegisteredOn") : row.get("CreatedOn")));
        field(html, "Услуга", name(Schema.SERVICE_ITEM, row.get("ServiceItemId")));
        field(
                html,
                "Контакт",
                contact == null
                        ? ""
                        : join(
                                contact.text("Name"),
                                contact.text("Email"),
                                contact.text("MobilePhone"),
                                contact.text("Phone")));
        field(
                html,
                "Организация",
                account == null
                        ? ""
                        : join(
                                account.text("Name"),
                                database.schema()
                                        .accountInnColumn()
                                        .map(account::text)
                                        .filter(inn -> !inn.isEmpty())
                                        .map(inn -> "ИНН " + inn)
                                        .orElse("")));
        field(html, "Приоритет", name(Schema.CASE_PRIORITY, row.get("PriorityId")));
        field(html, "Источник", name(Schema.CASE_ORIGIN, row.get("OriginId")));
        html.append("</dl><h3>Описание</h3><div class=\"text\">")
                .append(Html.escape(row.text("Symptoms")))
                .append("</div>");
        html.append(messages(caseId)).append(attachments(base, caseId)).append("</article>");
        return html.toString();
    }

    private String messages(UUID caseId) {
        record Message(Instant at, String title, String body) {}
        List<Message> messages = new ArrayList<>();
        for (Row activity : rowsOf(Schema.ACTIVITY, caseId)) {
            messages.add(new Message(
                    (Instant) activity.get("CreatedOn"),
                    join(activity.text("Title"), activity.text("Sender")),
                    activity.text("Body")));
        }
        for (Row history : rowsOf(Schema.CASE_MESSAGE_HISTORY, caseId)) {
            messages.add(new Message((Instant) history.get("CreatedOn"), "История сообщений", history.text("Message")));
        }
        if (messages.isEmpty()) {
            return "";
        }
        messages.sort(Comparator.comparing(Message::at));
        StringBuilder html = new StringBuilder("<h3>Сообщения</h3><ul class=\"messages\">");
        for (Message message : messages) {
            html.append("<li><div class=\"meta\">")
                    .append(Html.escape(formatTime(message.at())))
                    .append(" · ")
                    .append(Html.escape(message.title()))
                    .append("</div><div class=\"text\">")
                    .append(Html.escape(message.body()))
                    .append("</div></li>");
        }
        return html.append("</ul>").toString();
    }

    private String attachments(String base, UUID caseId) {
        List<Row> caseFiles = rowsOf(Schema.CASE_FILE, caseId);
        if (caseFiles.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h3>Файлы</h3><ul class=\"files\">");
        for (Row file : caseFiles) {
            String name = file.text("Name");
            html.append("<li>");
            if (Lookups.FILE_TYPE_LINK.equals(file.get("TypeId"))) {
                String caption = file.text("Notes").isEmpty() ? name : file.text("Notes");
                if (Html.isWebLink(name)) {
                    html.append(LINK_BADGE)
                            .append("<a href=\"")
                            .append(Html.escape(name.trim()))
                            .append("\" rel=\"noopener noreferrer\">")
                            .append(Html.escape(caption))
                            .append("</a>");
                    if (!caption.equals(name)) {
                        html.append(" <span class=\"muted\">")
                                .append(Html.escape(name))
                                .append("</span>");
                    }
                } else {
                    html.append(LINK_BADGE)
                            .append(Html.escape(caption))
                            .append(" (")
                            .append(Html.escape(name))
                            .append(")");
                }
            } else if (database.content(file.id()).isPresent()) {
                html.append(FILE_BADGE)
                        .append("<a href=\"")
                        .append(Html.escape(base))
                        .append(FILES_PREFIX)
                        .append(file.id())
                        .append("\">")
                        .append(Html.escape(name))
                        .append("</a> <span class=\"muted\">")
                        .append(size(((Number) file.get("Size")).longValue()))
                        .append("</span>");
            } else {
                html.append(FILE_BADGE).append(Html.escape(name)).append(" <span class=\"muted\">(загружается)</span>");
            }
            html.append("</li>");
        }
        return html.append("</ul>").toString();
    }

    private List<Row> rowsOf(String set, UUID caseId) {
        return database.list(database.schema().require(set)).stream()
                .filter(row -> caseId.equals(row.get("CaseId")))
                .toList();
    }

    private Row related(String set, Object id) {
        return id instanceof UUID uuid
                ? database.find(database.schema().require(set), uuid).orElse(null)
                : null;
    }

    private String name(String set, Object id) {
        Row row = related(set, id);
        return row == null ? "" : row.text("Name");
    }

    private static void field(StringBuilder html, String label, String value) {
        if (!value.isBlank()) {
            html.append("<dt>")
                    .append(Html.escape(label))
                    .append("</dt><dd>")
                    .append(Html.escape(value))
                    .append("</dd>");
        }
    }

    private static String join(String... parts) {
        return String.join(
                ", ", Arrays.stream(parts).filter(part -> !part.isBlank()).toList());
    }

    private static String formatTime(Object instant) {
        return instant instanceof Instant at ? MOSCOW_TIME.format(at) + " МСК" : "";
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " Б";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f КБ", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f МБ", bytes / 1024.0 / 1024.0);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
                + "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f6f9;color:#1f2933;margin:0;padding:24px}"
                + "main{max-width:920px;margin:0 auto}h1{font-size:24px;margin:0 0 8px}h3{font-size:15px;margin:16px 0 6px;color:#3e4c59}"
                + ".muted{color:#7b8794;font-size:13px}.empty{padding:24px;background:#fff;border-radius:8px;text-align:center;color:#7b8794}"
                + ".case{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:16px 20px;margin:16px 0}"
                + ".case header{display:flex;gap:12px;align-items:baseline;border-bottom:1px solid #e4e7eb;padding-bottom:8px}"
                + ".number{font-weight:700;color:#0b69a3;font-family:monospace;font-size:15px}.subject{font-weight:600;flex:1}"
                + ".status{background:#e3f8ff;color:#0b69a3;border-radius:12px;padding:2px 10px;font-size:12px}"
                + "dl{display:grid;grid-template-columns:160px 1fr;gap:4px 12px;margin:12px 0}dt{color:#7b8794}dd{margin:0}"
                + ".text{white-space:pre-wrap;background:#f9fafb;border-left:3px solid #cbd2d9;padding:8px 12px}"
                + "ul.messages,ul.files{list-style:none;padding:0;margin:0}ul.messages li{margin:8px 0}.meta{font-size:12px;color:#7b8794}"
                + ".kind{display:inline-block;min-width:52px;text-align:center;font-size:11px;border-radius:4px;padding:1px 6px;"
                + "background:#e4e7eb;color:#3e4c59}.kind.link{background:#fff3c4;color:#8d2b0b}"
                + "ul.files li{margin:4px 0}a{color:#0b69a3}code{background:#e4e7eb;padding:1px 4px;border-radius:3px}"
                + "</style></head><body><main>" + body + "</main></body></html>";
    }
}
