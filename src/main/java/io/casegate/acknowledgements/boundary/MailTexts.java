package io.casegate.acknowledgements.boundary;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a stranger's text may go into an e-mail that Casegate sends from the company's address,
 * and what of a mail server's answer may be stored. The form is public: anyone can type someone
 * else's address and a "subject" that reads like a message from the company. So the acknowledgement
 * carries the visitor's subject only cut short, on one line, with no link, address or domain that a
 * mail client would make clickable; and an SMTP error text is stored without any e-mail address.
 */
final class MailTexts {

    /** The visitor's subject in an acknowledgement: at most this many characters. */
    static final int SUBJECT_MAX = 60;

    /** Anything with a scheme (http://, ftp://, mailto:, tel:, javascript:, data:) or starting www. */
    private static final Pattern URL = Pattern.compile(
            "(?iu)(?:\\b[a-z][a-z0-9+.-]{0,20}://|\\bwww\\.|\\b(?:mailto|tel|javascript|data|file|ftp|sms|callto):)\\S*");

    private static final Pattern EMAIL = Pattern.compile("(?u)[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}.-]+");

    /** A host name that a mail client would link by itself: example.com, пример.рф, xn--e1afmkfd.xn--p1ai/x. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?iu)\\b[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.(?:\\p{L}{2,24}|xn--[a-z0-9-]+)\\b(?:[/?#]\\S*)?");

    private static final Pattern CONTROL =
            Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069]+");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private MailTexts() {}

    /**
     * The visitor's subject as the acknowledgement may show it: one line, links and addresses
     * replaced by {@code removed}, host names defanged ({@code example[.]com}), cut to
     * {@link #SUBJECT_MAX} characters with an ellipsis.
     */
    static String visitorSubject(String subject, String removed) {
        if (subject == null) {
            return "";
        }
        String text = CONTROL.matcher(subject).replaceAll(" ");
        text = URL.matcher(text).replaceAll(Matcher.quoteReplacement(removed));
        text = EMAIL.matcher(text).replaceAll(Matcher.quoteReplacement(removed));
        Matcher domains = DOMAIN.matcher(text);
        StringBuilder defanged = new StringBuilder();
        while (domains.find()) {
            domains.appendReplacement(
                    defanged,
                    Matcher.quoteReplacement(domains.group().replace(".", "[.]").replace("/", " / ")));
        }
        domains.appendTail(defanged);
        text = SPACES.matcher(defanged).replaceAll(" ").strip();
        if (text.codePointCount(0, text.length()) <= SUBJECT_MAX) {
            return text;
        }
        int end = text.offsetByCodePoints(0, SUBJECT_MAX - 1);
        return text.substring(0, end).stripTrailing() + "…";
    }

    /** A mail server's error text without e-mail addresses (a refused recipient is usually quoted). */
    static String withoutAddresses(String error) {
        if (error == null) {
            return null;
        }
        return EMAIL.matcher(error).replaceAll("<address>");
    }
}
