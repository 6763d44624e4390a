package io.cellbet.simulators.brandwallet;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The brand wallet API's request signature, as a brand checks it:
 * {@code X-Cellbet-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>}
 * (docs/brand-wallet-api.md, "Signature").
 */
public final class Signatures {

    /** Header carrying the signing time in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-Cellbet-Timestamp";
    /** Header carrying {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Cellbet-Signature";
    /** Requests signed further than this from the brand's clock are refused. */
    public static final Duration MAX_SKEW = Duration.ofSeconds(300);

    private static final String PREFIX = "sha256=";

    /** Why a request's signature was refused, or {@link #VALID}. */
    public enum Verdict {
        VALID, INVALID_SIGNATURE, STALE_TIMESTAMP
    }

    private Signatures() {
    }

    /** The header value for {@code body} signed at {@code timestampSeconds}. */
    public static String sign(byte[] secret, String timestampSeconds, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret, timestampSeconds, body));
    }

    /** Checks the two headers against the body received, in constant time, with the skew allowed. */
    public static Verdict verify(byte[] secret, String timestampHeader, String signatureHeader, byte[] body,
            Instant now) {
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader == null ? "" : timestampHeader.trim());
        } catch (NumberFormatException e) {
            return Verdict.STALE_TIMESTAMP;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > MAX_SKEW.toSeconds()) {
            return Verdict.STALE_TIMESTAMP;
        }
        if (signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
            return Verdict.INVALID_SIGNATURE;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID_SIGNATURE;
        }
        byte[] expected = mac(secret, Long.toString(timestamp), body);
        // The timestamp is signed exactly as sent; a reformatted one (leading zeros) does not match.
        if (!Long.toString(timestamp).equals(timestampHeader.trim())) {
            return Verdict.INVALID_SIGNATURE;
        }
        return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.INVALID_SIGNATURE;
    }

    private static byte[] mac(byte[] secret, String timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestampSeconds.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }
}
