package io.cellbet.simulators.brandwallet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellbet.simulators.brandwallet.Signatures.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"transactionId\":\"t-1\",\"amountMinor\":500}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_764_240_000L);
    private static final String TIMESTAMP = "1764240000";

    @Test
    void signsTheTimestampDotBodyWithHmacSha256() {
        // Independently computed: printf '1764240000.{"transactionId":"t-1","amountMinor":500}' | openssl dgst -sha256 -hmac s3cret
        assertEquals("sha256=29bb7db035b317f7b6ce667cf84ea04bef4f81908ed40d34b7ce84384dc35b4e", Signatures.sign(SECRET, TIMESTAMP, BODY));
    }

    @Test
    void acceptsAFreshCorrectSignature() {
        assertEquals(Verdict.VALID, Signatures.verify(SECRET, TIMESTAMP, Signatures.sign(SECRET, TIMESTAMP, BODY), BODY, NOW));
    }

    @Test
    void refusesATamperedBody() {
        String signature = Signatures.sign(SECRET, TIMESTAMP, BODY);
        byte[] tampered = "{\"transactionId\":\"t-1\",\"amountMinor\":5000}".getBytes(StandardCharsets.UTF_8);
        assertEquals(Verdict.INVALID_SIGNATURE, Signatures.verify(SECRET, TIMESTAMP, signature, tampered, NOW));
    }

    @Test
    void refusesAnotherSecret() {
        String signature = Signatures.sign("other".getBytes(StandardCharsets.UTF_8), TIMESTAMP, BODY);
        assertEquals(Verdict.INVALID_SIGNATURE, Signatures.verify(SECRET, TIMESTAMP, signature, BODY, NOW));
    }

    @Test
    void refusesASignatureMadeForAnotherTimestamp() {
        String signature = Signatures.sign(SECRET, "1764239990", BODY);
        assertEquals(Verdict.INVALID_SIGNATURE, Signatures.verify(SECRET, TIMESTAMP, signature, BODY, NOW));
    }

    @Test
    void refusesMissingOrMalformedSignatures() {
        assertEquals(Verdict.INVALID_SIGNATURE, Signatures.verify(SECRET, TIMESTAMP, null, BODY, NOW));
        assertEquals(Verdict.INVALID_SIGNATURE, Signatures.verify(SECRET, TIMESTAMP, "sha256=zz", BODY, NOW));
        assertEquals(Verdict.INVALID_SIGNATURE, Signatures.verify(SECRET, TIMESTAMP, "md5=abcd", BODY, NOW));
    }

    @Test
    void refusesTimestampsMoreThanFiveMinutesAway() {
        String old = Long.toString(NOW.getEpochSecond() - 301);
        String future = Long.toString(NOW.getEpochSecond() + 301);
        String edge = Long.toString(NOW.getEpochSecond() - 300);
        assertEquals(Verdict.STALE_TIMESTAMP, Signatures.verify(SECRET, old, Signatures.sign(SECRET, old, BODY), BODY, NOW));
        assertEquals(Verdict.STALE_TIMESTAMP,
                Signatures.verify(SECRET, future, Signatures.sign(SECRET, future, BODY), BODY, NOW));
        assertEquals(Verdict.VALID, Signatures.verify(SECRET, edge, Signatures.sign(SECRET, edge, BODY), BODY, NOW));
        assertEquals(Verdict.STALE_TIMESTAMP, Signatures.verify(SECRET, null, "sha256=00", BODY, NOW));
        assertEquals(Verdict.STALE_TIMESTAMP, Signatures.verify(SECRET, "yesterday", "sha256=00", BODY, NOW));
    }
}
