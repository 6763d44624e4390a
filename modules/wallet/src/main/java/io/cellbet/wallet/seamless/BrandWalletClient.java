package io.cellbet.wallet.seamless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cellbet.wallet.api.BrandWallets.SeamlessEndpoint;
import io.cellbet.wallet.api.SeamlessBalanceResult;
import io.cellbet.wallet.api.SeamlessRejection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one signed call to a brand's wallet and classifies the answer (docs/brand-wallet-api.md).
 *
 * <p>It uses the JDK's {@link HttpClient} rather than the Quarkus REST client: the base URL is
 * per brand and changes with config at run time (a REST client is bound to a URL when built),
 * the HMAC must be computed over the exact bytes sent, which a raw {@code byte[]} body makes
 * certain, and the callers block on purpose (worker threads, the retrier's pool), so a
 * blocking client with a per-request timeout says what happens most plainly. One client is
 * shared, so connections to a brand are pooled and kept alive.
 */
@ApplicationScoped
class BrandWalletClient {

    static final String TIMESTAMP_HEADER = "X-Cellbet-Timestamp";
    static final String SIGNATURE_HEADER = "X-Cellbet-Signature";
    /** Longest brand answer kept in the shadow ledger. */
    static final int ANSWER_KEPT_CHARS_MAX = 4_000;

    private final HttpClient http;
    private final ObjectMapper json;
    private final SeamlessConfig config;
    private final Clock clock = Clock.systemUTC();

    BrandWalletClient(ObjectMapper json, SeamlessConfig config) {
        this.json = json;
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What came of one call. */
    sealed interface Answer {

        /** The brand's answer as JSON, or a note on what happened, for the shadow ledger. */
        String recorded();

        Integer httpStatus();

        /** {@code 200 {"status":"OK"}} for our transaction id. */
        record Ok(int status, Long balanceMinor, boolean duplicate, boolean rolledBack, String recorded)
                implements Answer {
            @Override
            public Integer httpStatus() {
                return status;
            }
        }

        /** A {@code 4xx} with a named code: nothing was applied. */
        record Refused(int status, String code, SeamlessRejection rejection, String message, String recorded)
                implements Answer {
            @Override
            public Integer httpStatus() {
                return status;
            }

            /** The brand could not check who we are: ours to fix, not the call's, so it is worth retrying. */
            boolean authentication() {
                return rejection == SeamlessRejection.INVALID_SIGNATURE || rejection == SeamlessRejection.STALE_TIMESTAMP;
            }
        }

        /** No usable answer (timeout, connection, 5xx, an answer of another shape): the outcome is unknown. */
        record Unknown(Integer httpStatus, String error, String recorded) implements Answer {
        }
    }

    Answer send(SeamlessEndpoint endpoint, String operation, UUID transferId, ObjectNode body) {
        Exchange exchange = post(endpoint, operation, body, config.requestTimeout());
        if (exchange instanceof Exchange.Failed failed) {
            return unknown(null, failed.error());
        }
        Exchange.Answered answered = (Exchange.Answered) exchange;
        return classify(transferId, answered.status(), answered.body());
    }

    /**
     * Asks the brand for the player's balance ({@code POST <endpoint>/balance}), waiting at most
     * {@code balance-timeout}: a player is waiting on a page, and a read is not worth a long wait.
     */
    SeamlessBalanceResult balance(SeamlessEndpoint endpoint, String playerId, String currency) {
        ObjectNode body = json.createObjectNode().put("playerId", playerId).put("currency", currency);
        Exchange exchange = post(endpoint, "balance", body, config.balanceTimeout());
        if (exchange instanceof Exchange.Failed failed) {
            return new SeamlessBalanceResult.Unavailable(null, failed.error());
        }
        Exchange.Answered answered = (Exchange.Answered) exchange;
        JsonNode answer;
        try {
            answer = json.readTree(answered.body());
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            return new SeamlessBalanceResult.Unavailable(null, "HTTP " + answered.status() + " without a JSON answer");
        }
        JsonNode balance = answer.get("balanceMinor");
        if (answered.status() == 200 && "OK".equals(answer.path("status").asText()) && balance != null
                && balance.isIntegralNumber() && balance.canConvertToLong()) {
            String answeredCurrency = answer.path("currency").asText(currency);
            return new SeamlessBalanceResult.Balance(answeredCurrency, balance.asLong());
        }
        String code = answer.path("code").asText("");
        if (answered.status() >= 400 && answered.status() < 500 && "ERROR".equals(answer.path("status").asText())
                && !code.isEmpty()) {
            return new SeamlessBalanceResult.Unavailable(SeamlessRejection.ofBrandCode(code),
                    "the brand refused the balance read: " + code);
        }
        return new SeamlessBalanceResult.Unavailable(null, "HTTP " + answered.status()
                + (code.isEmpty() ? "" : " " + code) + " is not a balance");
    }

    /** What came back from one signed POST: the brand's answer, or why there was none. */
    private sealed interface Exchange {
        record Answered(int status, byte[] body) implements Exchange {
        }

        record Failed(String error) implements Exchange {
        }
    }

    private Exchange post(SeamlessEndpoint endpoint, String operation, ObjectNode body, Duration timeout) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a seamless call body is always serialisable", e);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(resolve(endpoint.endpointUrl(), operation))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, sign(endpoint.secret(), timestamp, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build();
        } catch (IllegalArgumentException e) {
            return new Exchange.Failed("the brand's endpoint URL is unusable: " + e.getMessage());
        }
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Exchange.Answered(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            return new Exchange.Failed("no answer within " + timeout.toMillis() + " ms (" + e.getMessage() + ")");
        } catch (IOException e) {
            return new Exchange.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange.Failed("interrupted while waiting for the brand");
        }
    }

    Answer classify(UUID transferId, int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            return new Answer.Unknown(status, "HTTP " + status + " without a JSON answer", note(status, text));
        }
        String recorded = answer.toString();
        if (status == 200 && "OK".equals(answer.path("status").asText())) {
            if (!transferId.toString().equals(answer.path("transactionId").asText())) {
                return new Answer.Unknown(status, "the answer is for transaction " + answer.path("transactionId").asText(),
                        recorded);
            }
            JsonNode balance = answer.get("balanceMinor");
            return new Answer.Ok(status, balance != null && balance.canConvertToLong() ? balance.asLong() : null,
                    answer.path("duplicate").asBoolean(false), answer.path("rolledBack").asBoolean(false), recorded);
        }
        String code = answer.path("code").asText("");
        if (status >= 400 && status < 500 && "ERROR".equals(answer.path("status").asText()) && !code.isEmpty()) {
            return new Answer.Refused(status, code, SeamlessRejection.ofBrandCode(code),
                    answer.path("message").asText(""), recorded);
        }
        return new Answer.Unknown(status, "HTTP " + status + (code.isEmpty() ? "" : " " + code), recorded);
    }

    private Answer unknown(Integer status, String error) {
        return new Answer.Unknown(status, error, note(status, error));
    }

    private String note(Integer status, String text) {
        ObjectNode note = json.createObjectNode();
        if (status != null) {
            note.put("httpStatus", status);
        }
        note.put("note", text.length() > ANSWER_KEPT_CHARS_MAX ? text.substring(0, ANSWER_KEPT_CHARS_MAX) : text);
        return note.toString();
    }

    static URI resolve(URI base, String operation) {
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text + operation : text + "/" + operation);
    }

    /** {@code sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>}. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    Instant now() {
        return clock.instant();
    }
}
