package io.cellbet.simulators.brandwallet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference wallet over real HTTP: signatures, idempotency, rollback tombstones, misbehaviour. */
class ReferenceBrandWalletTest {

    private static final String SECRET = "test-secret";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ReferenceBrandWallet wallet;

    @BeforeEach
    void start() {
        wallet = ReferenceBrandWallet.start(0, SECRET);
        wallet.openPlayer("p-1", "EUR", 1_000);
    }

    @AfterEach
    void stop() {
        wallet.close();
    }

    @Test
    void debitsOnceAndAnswersARepeatAsADuplicate() throws Exception {
        String id = UUID.randomUUID().toString();
        Reply first = call("/debit", money(id, 300));
        Reply second = call("/debit", money(id, 300));
        assertEquals(200, first.status);
        assertEquals(700, first.body.get("balanceMinor").asLong());
        assertFalse(first.body.get("duplicate").asBoolean());
        assertEquals(200, second.status);
        assertTrue(second.body.get("duplicate").asBoolean());
        assertEquals(700, second.body.get("balanceMinor").asLong());
        assertEquals(Optional.of(700L), wallet.balance("p-1"));
        assertEquals(1, wallet.timesApplied(id));
    }

    @Test
    void refusesTheSameIdWithOtherContent() throws Exception {
        String id = UUID.randomUUID().toString();
        call("/debit", money(id, 300));
        Reply conflict = call("/debit", money(id, 400));
        assertEquals(409, conflict.status);
        assertEquals("TRANSACTION_CONFLICT", conflict.body.get("code").asText());
        assertEquals(Optional.of(700L), wallet.balance("p-1"));
    }

    @Test
    void declinesADebitBeyondTheBalanceAndRepeatsTheRefusal() throws Exception {
        String id = UUID.randomUUID().toString();
        Reply refused = call("/debit", money(id, 5_000));
        assertEquals(422, refused.status);
        assertEquals("INSUFFICIENT_FUNDS", refused.body.get("code").asText());
        wallet.openPlayer("p-1", "EUR", 10_000);
        Reply again = call("/debit", money(id, 5_000));
        assertEquals(422, again.status);
        assertTrue(again.body.get("duplicate").asBoolean());
        assertEquals(Optional.of(10_000L), wallet.balance("p-1"));
    }

    @Test
    void processesARefusedCreditAfreshWhenItIsSentAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] credit = json.writeValueAsBytes(json.createObjectNode().put("transactionId", id).put("playerId", "p-9")
                .put("currency", "EUR").put("amountMinor", 60).put("type", "win"));
        assertEquals(404, call("/credit", credit).status);
        wallet.openPlayer("p-9", "EUR", 0);
        Reply second = call("/credit", credit);
        assertEquals(200, second.status);
        assertFalse(second.body.get("duplicate").asBoolean());
        assertEquals(Optional.of(60L), wallet.balance("p-9"));
    }

    @Test
    void refusesBadSignaturesAndStaleTimestampsWithoutApplying() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] body = money(id, 100);
        String now = Long.toString(Instant.now().getEpochSecond());
        Reply wrongSecret = send("/debit", body, now, Signatures.sign("nope".getBytes(StandardCharsets.UTF_8), now, body));
        String stale = Long.toString(Instant.now().getEpochSecond() - 600);
        Reply old = send("/debit", body, stale, Signatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), stale, body));
        assertEquals(401, wrongSecret.status);
        assertEquals("INVALID_SIGNATURE", wrongSecret.body.get("code").asText());
        assertEquals(401, old.status);
        assertEquals("STALE_TIMESTAMP", old.body.get("code").asText());
        assertEquals(Optional.of(1_000L), wallet.balance("p-1"));
        // Refusals are not recorded: the correctly signed request is processed afresh.
        assertEquals(200, call("/debit", body).status);
        assertEquals(Optional.of(900L), wallet.balance("p-1"));
    }

    @Test
    void rollsBackAnAppliedDebitOnce() throws Exception {
        String debit = UUID.randomUUID().toString();
        call("/debit", money(debit, 250));
        String rollback = UUID.randomUUID().toString();
        Reply first = call("/rollback", rollback(rollback, debit, 250));
        Reply again = call("/rollback", rollback(rollback, debit, 250));
        Reply otherId = call("/rollback", rollback(UUID.randomUUID().toString(), debit, 250));
        assertTrue(first.body.get("rolledBack").asBoolean());
        assertTrue(again.body.get("duplicate").asBoolean());
        assertFalse(otherId.body.get("rolledBack").asBoolean());
        assertEquals(Optional.of(1_000L), wallet.balance("p-1"));
    }

    @Test
    void acknowledgesARollbackOfAnUnknownDebitAndRefusesThatDebitLater() throws Exception {
        String debit = UUID.randomUUID().toString();
        Reply rollback = call("/rollback", rollback(UUID.randomUUID().toString(), debit, 250));
        assertEquals(200, rollback.status);
        assertFalse(rollback.body.get("rolledBack").asBoolean());
        Reply late = call("/debit", money(debit, 250));
        assertEquals(409, late.status);
        assertEquals("ALREADY_ROLLED_BACK", late.body.get("code").asText());
        assertEquals(Optional.of(1_000L), wallet.balance("p-1"));
    }

    @Test
    void refusesToRollBackACredit() throws Exception {
        String credit = UUID.randomUUID().toString();
        call("/credit", money(credit, 50));
        Reply refused = call("/rollback", rollback(UUID.randomUUID().toString(), credit, 50));
        assertEquals(400, refused.status);
        assertEquals(Optional.of(1_050L), wallet.balance("p-1"));
    }

    @Test
    void failsWithoutApplyingThenRecovers() throws Exception {
        String id = UUID.randomUUID().toString();
        wallet.fail(2);
        assertEquals(503, call("/credit", money(id, 10)).status);
        assertEquals(503, call("/credit", money(id, 10)).status);
        Reply third = call("/credit", money(id, 10));
        assertEquals(200, third.status);
        assertFalse(third.body.get("duplicate").asBoolean());
        assertEquals(Optional.of(1_010L), wallet.balance("p-1"));
    }

    @Test
    void failsOnlyTheOperationToldTo() throws Exception {
        wallet.fail("rollback", 1);
        String debit = UUID.randomUUID().toString();
        assertEquals(200, call("/debit", money(debit, 100)).status);
        String rollback = UUID.randomUUID().toString();
        assertEquals(503, call("/rollback", rollback(rollback, debit, 100)).status);
        assertEquals(Optional.of(900L), wallet.balance("p-1"));
        assertEquals(200, call("/rollback", rollback(rollback, debit, 100)).status);
        assertEquals(Optional.of(1_000L), wallet.balance("p-1"));
        assertEquals(List.of(503, 200), wallet.rollbacksOf(debit).stream().map(ReceivedCall::httpStatus).toList());
    }

    @Test
    void appliesASlowDebitEvenWhenTheCallerHasGivenUp() throws Exception {
        wallet.slow(Duration.ofMillis(1_500));
        String id = UUID.randomUUID().toString();
        assertThrows(HttpTimeoutException.class, () -> send("/debit", money(id, 100), Duration.ofMillis(300)));
        // The danger a seamless client must handle: no answer, yet the money was taken.
        assertEquals(Optional.of(900L), wallet.balance("p-1"));
    }

    @Test
    void answeringTwiceAppliesOnceAndReturnsTheDuplicate() throws Exception {
        wallet.answerTwice(true);
        String id = UUID.randomUUID().toString();
        Reply reply = call("/credit", money(id, 40));
        assertEquals(200, reply.status);
        assertTrue(reply.body.get("duplicate").asBoolean());
        assertEquals(Optional.of(1_040L), wallet.balance("p-1"));
        assertEquals(2, wallet.received("credit", id).size());
        assertEquals(1, wallet.timesApplied(id));
    }

    @Test
    void refusesConnectionsWhileDownAndServesAgainOnTheSamePort() throws Exception {
        int port = wallet.port();
        wallet.down();
        assertThrows(ConnectException.class, () -> call("/balance", "{\"playerId\":\"p-1\"}".getBytes(StandardCharsets.UTF_8)));
        wallet.up();
        assertEquals(port, wallet.port());
        Reply balance = call("/balance", "{\"playerId\":\"p-1\",\"currency\":\"EUR\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(1_000, balance.body.get("balanceMinor").asLong());
    }

    @Test
    void isDrivenOverItsAdminEndpoints() throws Exception {
        assertEquals(200, admin("POST", "/admin/players", "{\"playerId\":\"p-2\",\"currency\":\"GBP\",\"balanceMinor\":77}").status);
        assertEquals(77, admin("GET", "/admin/players/p-2", "").body.get("balanceMinor").asLong());
        assertEquals(400, admin("POST", "/admin/players", "{\"playerId\":\"p-3\",\"currency\":\"pounds\"}").status);
        admin("POST", "/admin/fail", "{\"count\":1}");
        assertEquals(503, call("/credit", money(UUID.randomUUID().toString(), 1)).status);
        admin("POST", "/admin/answer-twice", "{\"on\":true}");
        String id = UUID.randomUUID().toString();
        assertTrue(call("/credit", money(id, 1)).body.get("duplicate").asBoolean());
        admin("POST", "/admin/normal", "");
        JsonNode journal = admin("GET", "/admin/journal", "").body.get("calls");
        // Admin calls are not journaled: one failed credit, then one credit processed twice.
        assertEquals(3, journal.size(), journal.toString());
        assertEquals("UNAVAILABLE", journal.get(0).get("code").asText());
        assertTrue(journal.get(2).get("duplicate").asBoolean());
    }

    @Test
    void goesDownForAWhileOverHttp() throws Exception {
        assertEquals(202, admin("POST", "/admin/down", "{\"millis\":1000}").status);
        await().atMost(Duration.ofSeconds(2)).until(() -> !wallet.isUp());
        assertThrows(ConnectException.class, () -> call("/balance", "{\"playerId\":\"p-1\"}".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertEquals(200, call("/balance", "{\"playerId\":\"p-1\"}".getBytes(StandardCharsets.UTF_8)).status));
    }

    // ---------------------------------------------------------------- helpers

    private byte[] money(String transactionId, long amountMinor) throws IOException {
        return json.writeValueAsBytes(json.createObjectNode().put("transactionId", transactionId).put("playerId", "p-1")
                .put("currency", "EUR").put("amountMinor", amountMinor).put("type", "bet"));
    }

    private byte[] rollback(String transactionId, String original, long amountMinor) throws IOException {
        return json.writeValueAsBytes(json.createObjectNode().put("transactionId", transactionId).put("playerId", "p-1")
                .put("currency", "EUR").put("amountMinor", amountMinor).put("type", "rollback")
                .put("originalTransactionId", original));
    }

    private Reply call(String path, byte[] body) throws IOException, InterruptedException {
        return send(path, body, Duration.ofSeconds(5));
    }

    private Reply send(String path, byte[] body, Duration timeout) throws IOException, InterruptedException {
        String now = Long.toString(Instant.now().getEpochSecond());
        return send(path, body, now, Signatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), now, body), timeout);
    }

    private Reply send(String path, byte[] body, String timestamp, String signature) throws IOException, InterruptedException {
        return send(path, body, timestamp, signature, Duration.ofSeconds(5));
    }

    private Reply send(String path, byte[] body, String timestamp, String signature, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(wallet.baseUrl() + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(Signatures.TIMESTAMP_HEADER, timestamp)
                .header(Signatures.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), json.readTree(response.body()));
    }

    private Reply admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(wallet.baseUrl() + path)).timeout(Duration.ofSeconds(5))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), json.readTree(response.body()));
    }

    private record Reply(int status, JsonNode body) {
    }
}
