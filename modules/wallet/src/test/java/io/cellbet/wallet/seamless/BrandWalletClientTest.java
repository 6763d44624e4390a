package io.cellbet.wallet.seamless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.wallet.api.SeamlessBalanceResult;
import io.cellbet.wallet.api.SeamlessRejection;
import io.cellbet.wallet.seamless.BrandWalletClient.Answer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the client signs and how it reads brands' answers; the HTTP itself is tested in the cell against the reference wallet. */
class BrandWalletClientTest {

    private static final UUID ID = UUID.fromString("0b7c1c56-2f6e-4a0e-9b7e-3d1f6f1d2a11");
    private final BrandWalletClient client = new BrandWalletClient(new ObjectMapper(), new TestConfig());

    @Test
    void signsLikeTheProtocolSays() {
        // printf '1764240000.{"transactionId":"t-1","amountMinor":500}' | openssl dgst -sha256 -hmac s3cret
        assertEquals("sha256=29bb7db035b317f7b6ce667cf84ea04bef4f81908ed40d34b7ce84384dc35b4e",
                BrandWalletClient.sign("s3cret", "1764240000",
                        "{\"transactionId\":\"t-1\",\"amountMinor\":500}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAnAcknowledgementForOurTransaction() {
        Answer answer = classify(200, "{\"status\":\"OK\",\"transactionId\":\"" + ID + "\",\"balanceMinor\":4500,\"duplicate\":true}");
        Answer.Ok ok = assertInstanceOf(Answer.Ok.class, answer);
        assertEquals(4500L, ok.balanceMinor());
        assertTrue(ok.duplicate());
        assertFalse(ok.rolledBack());
    }

    @Test
    void takesAnAcknowledgementForAnotherTransactionAsUnknown() {
        assertInstanceOf(Answer.Unknown.class,
                classify(200, "{\"status\":\"OK\",\"transactionId\":\"" + UUID.randomUUID() + "\"}"));
    }

    @Test
    void readsANamedRefusal() {
        Answer.Refused refused = assertInstanceOf(Answer.Refused.class,
                classify(422, "{\"status\":\"ERROR\",\"code\":\"INSUFFICIENT_FUNDS\",\"message\":\"low\"}"));
        assertEquals(SeamlessRejection.INSUFFICIENT_FUNDS, refused.rejection());
        assertFalse(refused.authentication());
        Answer.Refused unknownCode = assertInstanceOf(Answer.Refused.class,
                classify(409, "{\"status\":\"ERROR\",\"code\":\"LIMIT_REACHED\"}"));
        assertEquals(SeamlessRejection.BRAND_REFUSED, unknownCode.rejection());
        assertTrue(assertInstanceOf(Answer.Refused.class,
                classify(401, "{\"status\":\"ERROR\",\"code\":\"INVALID_SIGNATURE\"}")).authentication());
    }

    @Test
    void takesServerErrorsAndForeignAnswersAsUnknown() {
        assertInstanceOf(Answer.Unknown.class, classify(503, "{\"status\":\"ERROR\",\"code\":\"UNAVAILABLE\"}"));
        assertInstanceOf(Answer.Unknown.class, classify(404, "<html>not found</html>"));
        assertInstanceOf(Answer.Unknown.class, classify(400, "{\"error\":\"bad\"}"));
        assertInstanceOf(Answer.Unknown.class, classify(200, "[]"));
        Answer.Unknown unknown = assertInstanceOf(Answer.Unknown.class, classify(502, ""));
        assertEquals(502, unknown.httpStatus());
    }

    @Test
    void answersUnknownWhenNobodyListens() {
        Answer answer = client.send(new io.cellbet.wallet.api.BrandWallets.SeamlessEndpoint(
                URI.create("http://127.0.0.1:9"), "s3cret"), "debit", ID, new ObjectMapper().createObjectNode());
        Answer.Unknown unknown = assertInstanceOf(Answer.Unknown.class, answer);
        assertNull(unknown.httpStatus());
    }

    @Test
    void answersNoBalanceWhenNobodyListens() {
        SeamlessBalanceResult.Unavailable unavailable = assertInstanceOf(SeamlessBalanceResult.Unavailable.class,
                client.balance(new io.cellbet.wallet.api.BrandWallets.SeamlessEndpoint(
                        URI.create("http://127.0.0.1:9"), "s3cret"), "p-1", "EUR"));
        assertNull(unavailable.reason());
    }

    @Test
    void appendsTheOperationToTheEndpoint() {
        assertEquals(URI.create("https://w.example/cellbet/debit"),
                BrandWalletClient.resolve(URI.create("https://w.example/cellbet"), "debit"));
        assertEquals(URI.create("https://w.example/cellbet/debit"),
                BrandWalletClient.resolve(URI.create("https://w.example/cellbet/"), "debit"));
    }

    private Answer classify(int status, String body) {
        return client.classify(ID, status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The defaults of {@link SeamlessConfig}, with short timeouts. */
    private static final class TestConfig implements SeamlessConfig {
        @Override
        public Duration connectTimeout() {
            return Duration.ofMillis(500);
        }

        @Override
        public Duration requestTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration balanceTimeout() {
            return Duration.ofMillis(500);
        }

        @Override
        public Duration inFlightLease() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration retryBackoffInitial() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration retryBackoffMax() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration retryPollInterval() {
            return Duration.ofSeconds(1);
        }

        @Override
        public int retryBatchSize() {
            return 100;
        }

        @Override
        public int retryConcurrency() {
            return 8;
        }
    }
}
