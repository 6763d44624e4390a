package io.cellbet.ops.bench.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.ops.bench.JsonHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a cell's wallet REST API ({@code /api/wallet}) that the benchmark and the system tests drive, over
 * {@link JsonHttp}. Safe to share between threads.
 */
public final class WalletRest {

    public static final String CURRENCY = "EUR";
    /** Body of the POSTs that take none: an empty JSON object, so the request is JSON like every other. */
    private static final Map<String, Object> NO_FIELDS = Map.of();

    /** One movement of a transfer request, as the API spells it. */
    public record Leg(long debitAccountId, long creditAccountId, long amountMinor, String currency, String type,
            String reference) {
    }

    /** A transfer request body. */
    public record TransferBody(String idempotencyKey, List<Leg> transfers) {
    }

    /** A reservation request body. */
    public record ReservationBody(String idempotencyKey, long debitAccountId, long creditAccountId, long amountMinor,
            String currency, String type, String reference, long holdSeconds) {
    }

    /** Longest the bench waits for an audit of the ledger. */
    private static final Duration AUDIT_TIMEOUT = Duration.ofMinutes(10);

    private final JsonHttp http;
    private final String baseUrl;

    public WalletRest(JsonHttp http, String cellBaseUrl) {
        this.http = http;
        this.baseUrl = cellBaseUrl + "/api/wallet";
    }

    /** Opens (or finds) a player's account; returns its id. */
    public long openPlayerAccount(String brand, String playerId, String kind) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("brand", brand);
        body.put("playerId", playerId);
        body.put("kind", kind);
        body.put("currency", CURRENCY);
        return openAccount(body);
    }

    /** Opens (or finds) a brand's house account of this kind; returns its id. */
    public long openHouseAccount(String brand, String kind) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("brand", brand);
        body.put("kind", kind);
        body.put("currency", CURRENCY);
        return openAccount(body);
    }

    private long openAccount(Map<String, Object> body) throws IOException, InterruptedException {
        JsonHttp.Response response = http.send("POST", baseUrl + "/accounts", body);
        if (response.status() != 200) {
            response.expect(201, "POST /api/wallet/accounts " + body);
        }
        return response.body().path("id").asLong();
    }

    /** Posts transfers; the raw answer, whatever its status. */
    public JsonHttp.Response transfer(TransferBody body) throws IOException, InterruptedException {
        return http.send("POST", baseUrl + "/transfers", body);
    }

    /**
     * Posts independent transfer requests in one call ({@code POST /api/wallet/transfer-batches}); the raw answer,
     * whose {@code results[i]} holds the status and body of {@code requests[i]}.
     */
    public JsonHttp.Response transferBatch(List<TransferBody> requests) throws IOException, InterruptedException {
        return http.send("POST", baseUrl + "/transfer-batches", Map.of("requests", requests));
    }

    /** Posts transfers and fails unless they were applied now (201) or before (200). */
    public JsonNode transferOrFail(TransferBody body) throws IOException, InterruptedException {
        JsonHttp.Response response = transfer(body);
        if (response.status() == 200) {
            return response.body();
        }
        return response.expect(201, "POST /api/wallet/transfers " + body.idempotencyKey());
    }

    public JsonHttp.Response reserve(ReservationBody body) throws IOException, InterruptedException {
        return http.send("POST", baseUrl + "/reservations", body);
    }

    /** Posts ({@code action} = {@code post}) or voids ({@code void}) a reservation. */
    public JsonHttp.Response complete(String reservationId, String action) throws IOException, InterruptedException {
        return http.send("POST", baseUrl + "/reservations/" + reservationId + "/" + action, NO_FIELDS);
    }

    /** A transfer or reservation by id, whatever the status. */
    public JsonHttp.Response transferById(String transferId) throws IOException, InterruptedException {
        return http.send("GET", baseUrl + "/transfers/" + transferId, null);
    }

    public JsonNode account(long accountId) throws IOException, InterruptedException {
        return http.get(baseUrl + "/accounts/" + accountId);
    }

    /** One page of an account's statement, newest first: lines older than entry {@code before} (all when null). */
    public JsonNode statement(long accountId, Long before, int limit) throws IOException, InterruptedException {
        return http.get(baseUrl + "/accounts/" + accountId + "/statement?limit=" + limit
                + (before == null ? "" : "&before=" + before));
    }

    /**
     * Runs the ledger auditor now and returns its result ({@code passed}, {@code findings}). It reads the whole
     * ledger: after a run of millions of transfers that takes longer than a request's usual timeout.
     */
    public JsonNode audit() throws IOException, InterruptedException {
        return http.withTimeout(AUDIT_TIMEOUT).send("POST", baseUrl + "/audit", NO_FIELDS)
                .expect(200, "POST /api/wallet/audit");
    }
}
