package io.cellbet.contracts.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Launch tokens of the embedded player web app (docs/web-app.md, "Launch token"): a brand's server
 * signs one, the cell opens it. Signing and opening live here together so the brand's side (and
 * tests acting as the brand) and the cell's verifier cannot drift apart.
 *
 * <pre>
 * token = base64url(payload JSON) + "." + base64url(HMAC-SHA256(secret, first part as ASCII))
 * </pre>
 *
 * <p>base64url without padding. Opening checks only the form and the signature (in constant time);
 * what the payload says (brand, expiry, nonce, the player's details) is the verifier's to judge.
 */
public final class LaunchTokens {

    /** Longest a token may be valid: {@code exp} at most this far ahead of the cell's clock. */
    public static final Duration LIFETIME_MAX = Duration.ofMinutes(10);
    /** Longest token accepted; a real one is a few hundred characters. */
    public static final int TOKEN_LENGTH_MAX = 4_096;
    public static final int NONCE_LENGTH_MIN = 16;
    public static final int NONCE_LENGTH_MAX = 64;

    private static final String HMAC = "HmacSHA256";
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final ObjectMapper JSON = new ObjectMapper();

    private LaunchTokens() {
    }

    /**
     * What a launch token says. Opened from a token, a field that is missing or of another JSON
     * type than its own is {@code null}, so the verifier can name it.
     *
     * @param brand             the brand's code; must be the brand the token is presented to
     * @param externalPlayerId  the player's id at the brand
     * @param currency          one of the brand's currencies
     * @param country           ISO 3166-1 alpha-2
     * @param dateOfBirth       {@code yyyy-MM-dd}
     * @param locale            the player's language (BCP 47), optional
     * @param exp               expiry, epoch seconds
     * @param nonce             random, {@value #NONCE_LENGTH_MIN}-{@value #NONCE_LENGTH_MAX} characters; used once
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payload(String brand, String externalPlayerId, String currency, String country, String dateOfBirth,
            String locale, Long exp, String nonce) {
    }

    /** The token of the payload, signed with the brand's launch secret. */
    public static String sign(Payload payload, String secret) {
        try {
            return sign(JSON.writeValueAsBytes(payload), secret);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a launch payload is always serialisable", e);
        }
    }

    /** The token of payload bytes as given (any JSON, or none: tests make broken tokens with it). */
    public static String sign(byte[] payloadJson, String secret) {
        String first = ENCODER.encodeToString(payloadJson);
        return first + "." + ENCODER.encodeToString(mac(secret, first));
    }

    /**
     * The payload of a well-formed token signed with {@code secret}; empty when the token is
     * malformed, its signature is not the secret's, or its payload is not a JSON object.
     */
    public static Optional<Payload> open(String token, String secret) {
        if (token == null || token.length() > TOKEN_LENGTH_MAX || !FORM.matcher(token).matches()) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        String first = token.substring(0, dot);
        // The signature is compared as its canonical text, not as decoded bytes: the last of its 43 characters
        // carries two unused bits, and a lenient decoder would accept four spellings of one signature.
        // Compared in constant time, so the answer's timing does not reveal how much of a guess was right.
        byte[] presented = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = ENCODER.encodeToString(mac(secret, first)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(presented, expected)) {
            return Optional.empty();
        }
        byte[] payloadJson;
        try {
            payloadJson = DECODER.decode(first);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(payloadJson);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (payload == null || !payload.isObject()) {
            return Optional.empty();
        }
        JsonNode exp = payload.get("exp");
        return Optional.of(new Payload(text(payload, "brand"), text(payload, "externalPlayerId"),
                text(payload, "currency"), text(payload, "country"), text(payload, "dateOfBirth"),
                text(payload, "locale"), exp != null && exp.isIntegralNumber() && exp.canConvertToLong()
                        ? exp.asLong() : null, text(payload, "nonce")));
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static byte[] mac(String secret, String first) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a launch secret is required");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(first.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }
}
