package io.cellbet.contracts.accounts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchTokensTest {

    private static final String SECRET = "s3cret";
    private static final LaunchTokens.Payload PAYLOAD = new LaunchTokens.Payload("ACME", "u-123", "EUR", "GB",
            "1990-04-23", "en", 1_796_000_000L, "0123456789abcdef");

    @Test
    void opensWhatItSigned() {
        String token = LaunchTokens.sign(PAYLOAD, SECRET);
        assertFalse(token.contains("="), "no padding");
        assertEquals(Optional.of(PAYLOAD), LaunchTokens.open(token, SECRET));
    }

    @Test
    void signsTheFirstPartAsTheDocumentSays() throws Exception {
        String first = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"brand\":\"ACME\"}".getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = first + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(first.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, LaunchTokens.sign("{\"brand\":\"ACME\"}".getBytes(StandardCharsets.UTF_8), SECRET));
    }

    @Test
    void opensNothingSignedWithAnotherSecretOrChanged() {
        String token = LaunchTokens.sign(PAYLOAD, SECRET);
        assertTrue(LaunchTokens.open(token, "other").isEmpty());
        String other = LaunchTokens.sign(new LaunchTokens.Payload("ACME", "u-999", "EUR", "GB", "1990-04-23", null,
                1_796_000_000L, "0123456789abcdef"), SECRET);
        String swapped = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));
        assertTrue(LaunchTokens.open(swapped, SECRET).isEmpty());
        for (String malformed : new String[] {null, "", "abc", "a.b.c", "a=.b", token + "="}) {
            assertTrue(LaunchTokens.open(malformed, SECRET).isEmpty(), String.valueOf(malformed));
        }
    }

    @Test
    void opensNoOtherSpellingOfTheSignature() {
        String token = LaunchTokens.sign(PAYLOAD, SECRET);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        // 32 bytes take 43 characters; the last one's two low bits are unused, so this decodes to the same bytes.
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);
        assertArrayEquals(signature(token), signature(respelled));
        assertTrue(LaunchTokens.open(respelled, SECRET).isEmpty());
    }

    private static byte[] signature(String token) {
        return Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1));
    }

    @Test
    void readsFieldsOfAnotherTypeAsMissing() {
        String token = LaunchTokens.sign("{\"brand\":7,\"exp\":\"soon\",\"nonce\":\"n\"}".getBytes(StandardCharsets.UTF_8),
                SECRET);
        LaunchTokens.Payload payload = LaunchTokens.open(token, SECRET).orElseThrow();
        assertEquals(null, payload.brand());
        assertEquals(null, payload.exp());
        assertEquals("n", payload.nonce());
    }
}
