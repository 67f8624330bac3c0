package io.casegate.platform;

import java.nio.charset.StandardCharsets;

/** The one way Casegate names a file in a {@code Content-Disposition} header it sends. */
public final class ContentDisposition {

    /** The marks RFC 5987's attr-char allows unencoded besides letters and digits. */
    private static final String ATTR_CHAR_MARKS = "!#$&+-.^_`|~";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContentDisposition() {}

    /**
     * RFC 6266: the exact name as an RFC 5987 {@code filename*}, which every current browser,
     * curl -OJ and Creatio's file service read, and an ASCII {@code filename} for clients that know
     * only that one, with whatever it cannot carry (non-ASCII, quotes, backslashes, percent signs)
     * as underscores.
     */
    public static String attachment(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "file" : fileName;
        StringBuilder ascii = new StringBuilder();
        name.codePoints()
                .forEach(
                        c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ATTR_CHAR_MARKS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
