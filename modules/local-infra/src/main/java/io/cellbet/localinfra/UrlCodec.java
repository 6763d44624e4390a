package io.cellbet.localinfra;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-encoding for the user-info and path parts of infrastructure URLs. */
final class UrlCodec {

    private UrlCodec() {}

    /**
     * Encodes everything except RFC 3986 unreserved characters; URLEncoder is not used because it
     * writes form encoding ("+" for space), which URL user-info and paths do not understand.
     */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.forDigit((b >> 4) & 0xf, 16))
                        .append(Character.forDigit(b & 0xf, 16));
            }
        }
        return out.toString();
    }

    /** Decodes %XX sequences; a literal "+" stays a "+" for the same reason as in {@link #encode}. */
    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("Truncated percent escape in '" + value + "'");
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("Bad percent escape in '" + value + "'");
                }
                bytes.write((hi << 4) | lo);
                i += 2;
            } else {
                // Copy the whole run up to the next escape so surrogate pairs stay together.
                int end = value.indexOf('%', i);
                if (end < 0) {
                    end = value.length();
                }
                byte[] encoded = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
