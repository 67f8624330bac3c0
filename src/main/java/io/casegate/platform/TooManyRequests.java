package io.casegate.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

/** The one page a browser gets when a rate limit refuses it: 429, {@code Retry-After}, and when to try again. */
public final class TooManyRequests {

    private TooManyRequests() {}

    public static void send(HttpServletResponse response, Locale locale, Duration wait) throws IOException {
        long seconds = RateLimiter.retryAfterSeconds(wait);
        long minutes = RateLimiter.retryAfterMinutes(wait);
        response.reset();
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        String title = escape(Texts.text(locale, "limits.title"));
        String page = "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"UTF-8\">"
                + "<title>" + title + "</title></head><body><main><h1>" + title + "</h1><p id=\"rate-limited\">"
                + escape(Texts.text(locale, "limits.wait", minutes)) + "</p></main></body></html>";
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
