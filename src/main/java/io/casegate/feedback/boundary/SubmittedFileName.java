package io.casegate.feedback.boundary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.casegate.attachments.entity.IncomingFile;

/**
 * The name of an uploaded file, read from its part's {@code Content-Disposition} header in the
 * same way for the form and the REST intake, because the containers' parsers disagree: Payara's
 * servlet parser decodes part headers with the request's encoding (UTF-8, set in web.xml) and
 * ignores {@code filename*}, while Jersey's multipart reader (MIMEPull) hands every header byte over
 * as one ISO-8859-1 character, so a raw UTF-8 name arrived as mojibake.
 *
 * <p>What clients send, and what is read from it:
 * <ul>
 *   <li>raw UTF-8 in {@code filename="…"} (browsers, Python requests and httpx, curl, PHP cURL,
 *       OkHttp), with {@code "}, CR and LF escaped as {@code %22}, {@code %0D}, {@code %0A} (the
 *       WHATWG multipart/form-data rules) or as backslash escapes (older curl);</li>
 *   <li>RFC 5987/2231 {@code filename*=UTF-8''…}, also in RFC 2231 continuations (Java and .NET
 *       clients); it wins over {@code filename} when both are given, as RFC 6266 says;</li>
 *   <li>an RFC 2047 encoded word in {@code filename="=?UTF-8?B?…?="} (.NET's fallback, Spring with a
 *       multipart charset).</li>
 * </ul>
 * Bytes that are not valid UTF-8 become U+FFFD, exactly as Payara's own parser reads them for the
 * form, so such a name is visibly damaged but never guessed, never lost and never an error. A
 * directory part is dropped; a name longer than the {@code attachment.file_name} column is shortened
 * before its extension.
 */
final class SubmittedFileName {

    /** How the container turned the header's bytes into characters. */
    enum HeaderText {
        /** Decoded as UTF-8 (the servlet container, with the request encoding of web.xml). */
        DECODED,
        /** One ISO-8859-1 character per byte (Jersey's multipart reader): the bytes are still to be decoded. */
        OCTETS
    }

    /** The length of {@code attachment.file_name}, counted in UTF-16 units as H2 counts them. */
    static final int MAX_LENGTH = 255;
    /** An extension longer than this is no extension worth keeping when a name is shortened. */
    private static final int MAX_KEPT_EXTENSION = 16;

    private static final Pattern CONTINUATION = Pattern.compile("filename\\*(\\d{1,3})(\\*?)");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern HTML_ESCAPE = Pattern.compile("%(22|0[dD]|0[aA])");

    private SubmittedFileName() {}

    /** The file's name without any directory part; empty when the header names none. */
    static String of(String contentDisposition, HeaderText headerText) {
        if (contentDisposition == null) {
            return "";
        }
        String header = headerText == HeaderText.OCTETS && isOctets(contentDisposition)
                ? utf8(contentDisposition.getBytes(StandardCharsets.ISO_8859_1))
                : contentDisposition;
        Map<String, String> parameters = parameters(header);
        String extended = extendedName(parameters);
        String name = extended != null && !extended.isBlank() ? extended : plainName(parameters.get("filename"));
        return shortened(IncomingFile.baseName(name));
    }

    private static boolean isOctets(String text) {
        return text.chars().allMatch(c -> c <= 0xFF);
    }

    /** The parameters after the disposition type, names in lower case; quoted values unquoted. */
    static Map<String, String> parameters(String header) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int at = header.indexOf(';');
        while (at >= 0 && at < header.length()) {
            at++;
            int equals = header.indexOf('=', at);
            int semicolon = header.indexOf(';', at);
            if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
                at = semicolon;
                continue;
            }
            String name = header.substring(at, equals).strip().toLowerCase(Locale.ROOT);
            int start = equals + 1;
            while (start < header.length() && (header.charAt(start) == ' ' || header.charAt(start) == '\t')) {
                start++;
            }
            StringBuilder value = new StringBuilder();
            if (start < header.length() && header.charAt(start) == '"') {
                at = quoted(header, start + 1, value);
                at = header.indexOf(';', at);
            } else {
                int end = header.indexOf(';', start);
                value.append((end < 0 ? header.substring(start) : header.substring(start, end)).strip());
                at = end;
            }
            parameters.putIfAbsent(name, value.toString());
        }
        return parameters;
    }

    /**
     * Reads a quoted string from {@code from} (after the opening quote) into {@code value}; returns
     * where it ends. A backslash escapes only a quote or a backslash: any other backslash is part of
     * the name, as in the Windows paths that old browsers sent unescaped.
     */
    private static int quoted(String header, int from, StringBuilder value) {
        int at = from;
        while (at < header.length()) {
            char c = header.charAt(at);
            if (c == '"') {
                return at + 1;
            }
            if (c == '\\'
                    && at + 1 < header.length()
                    && (header.charAt(at + 1) == '"' || header.charAt(at + 1) == '\\')) {
                at++;
                c = header.charAt(at);
            }
            value.append(c);
            at++;
        }
        return at;
    }

    /** {@code filename*}, or its RFC 2231 continuations {@code filename*0*}, {@code filename*1*}…; null when absent. */
    private static String extendedName(Map<String, String> parameters) {
        if (parameters.containsKey("filename*")) {
            return extValue(parameters.get("filename*"));
        }
        TreeMap<Integer, String[]> sections = new TreeMap<>();
        parameters.forEach((name, value) -> {
            Matcher section = CONTINUATION.matcher(name);
            if (section.matches()) {
                sections.put(Integer.valueOf(section.group(1)), new String[] {section.group(2), value});
            }
        });
        if (sections.isEmpty() || !sections.containsKey(0)) {
            return null;
        }
        String[] first = sections.get(0);
        if (first[0].isEmpty()) {
            StringBuilder plain = new StringBuilder();
            sections.values().forEach(section -> plain.append(section[1]));
            return plain.toString();
        }
        // The charset is named once, in the first section; the later encoded ones are bare percent-encoding.
        String[] head = first[1].split("'", 3);
        Charset charset = head.length == 3 ? charset(head[0]) : StandardCharsets.UTF_8;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String[] section : sections.values()) {
            String text = section == first && head.length == 3 ? head[2] : section[1];
            if (section[0].isEmpty()) {
                bytes.writeBytes(text.getBytes(charset));
            } else {
                percentDecode(text, bytes);
            }
        }
        return decode(bytes.toByteArray(), charset);
    }

    /** An RFC 5987 ext-value, {@code charset'language'percent-encoded}. */
    private static String extValue(String value) {
        String[] parts = value.split("'", 3);
        if (parts.length < 3) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            percentDecode(value, bytes);
            return utf8(bytes.toByteArray());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        percentDecode(parts[2], bytes);
        return decode(bytes.toByteArray(), charset(parts[0]));
    }

    /** {@code filename}: an RFC 2047 encoded word, or a name with the WHATWG escapes. */
    private static String plainName(String value) {
        if (value == null) {
            return "";
        }
        String stripped = value.strip();
        Matcher word = ENCODED_WORD.matcher(stripped);
        if (stripped.startsWith("=?") && word.lookingAt()) {
            StringBuilder decoded = new StringBuilder();
            int end = 0;
            word.reset();
            while (word.find()) {
                if (!stripped.substring(end, word.start()).isBlank()) {
                    return unescapeHtml(value);
                }
                decoded.append(encodedWord(word.group(1), word.group(2), word.group(3)));
                end = word.end();
            }
            if (end == stripped.length()) {
                return decoded.toString();
            }
        }
        return unescapeHtml(value);
    }

    private static String unescapeHtml(String value) {
        return HTML_ESCAPE.matcher(value).replaceAll(escape -> switch (escape.group(1)
                .toLowerCase(Locale.ROOT)) {
            case "22" -> "\"";
            case "0d" -> "\r";
            default -> "\n";
        });
    }

    private static String encodedWord(String charsetName, String encoding, String text) {
        Charset charset =
                charset(charsetName.contains("*") ? charsetName.substring(0, charsetName.indexOf('*')) : charsetName);
        if (encoding.equalsIgnoreCase("B")) {
            try {
                return decode(Base64.getMimeDecoder().decode(text), charset);
            } catch (IllegalArgumentException notBase64) {
                return text;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                bytes.write(' ');
            } else if (c == '='
                    && i + 2 < text.length()
                    && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return decode(bytes.toByteArray(), charset);
    }

    /** Percent-decodes into {@code bytes}; a {@code %} not followed by two hex digits stays as it is. */
    private static void percentDecode(String text, ByteArrayOutputStream bytes) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** UTF-8 and ISO-8859-1 are what RFC 5987 requires; an unknown or unusable charset is read as UTF-8. */
    private static Charset charset(String name) {
        try {
            return name == null || name.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(name.strip());
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String decode(byte[] bytes, Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) ? utf8(bytes) : new String(bytes, charset);
    }

    /** Invalid sequences become U+FFFD, as in Payara's reading of the form's parts. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException cannotHappenWithReplace) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** At most {@link #MAX_LENGTH} UTF-16 units, the extension kept, no surrogate pair split. */
    static String shortened(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_KEPT_EXTENSION + 1 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int keep = MAX_LENGTH - extension.length();
        if (Character.isHighSurrogate(stem.charAt(keep - 1))) {
            keep--;
        }
        return stem.substring(0, keep).strip() + extension;
    }
}
