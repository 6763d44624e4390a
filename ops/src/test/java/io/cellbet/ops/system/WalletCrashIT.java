package io.cellbet.ops.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.ops.bench.JsonHttp;
import io.cellbet.ops.bench.wallet.WalletPlatform;
import io.cellbet.ops.bench.wallet.WalletRest;
import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.OpsLogin;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wallet survives crashes: while concurrent clients move money through a cell's REST API, the cell is killed
 * with SIGKILL several times and started again. Clients retry every request that got no answer with the same
 * idempotency key, as a real client must. Afterwards every acknowledged transfer is in the ledger exactly once,
 * nothing else is, every balance is what the acknowledged requests add up to, short reservations expired, and the
 * auditor passes.
 */
class WalletCrashIT {

    private static final int CLIENTS = 16;
    private static final int PLAYERS = 40;
    private static final String BRAND = "CRASH";
    private static final long DEPOSIT_MINOR = 1_000_000;
    private static final long STAKE_MAX_MINOR = 100;
    /** Reservations that are never posted hold this long, so they expire while the test watches. */
    private static final long SHORT_HOLD_S = 3;
    private static final long LONG_HOLD_S = 120;
    private static final int KILLS_MIN = 3;
    private static final int KILLS_MAX = 5;
    /** Acknowledged requests between two kills, at least and at most: the kills land at random moments. */
    private static final int ACKS_BETWEEN_KILLS_MIN = 100;
    private static final int ACKS_BETWEEN_KILLS_MAX = 400;
    private static final Duration PROGRESS_MAX = Duration.ofSeconds(60);
    /** How long one request is retried (the cell restarting meanwhile) before the client gives up. */
    private static final Duration RETRY_MAX = Duration.ofSeconds(90);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(100);
    private static final Duration EXPIRY_MAX = Duration.ofSeconds(60);
    private static final int STATEMENT_PAGE = 200;

    private static LocalPlatform platform;
    private static AppProcess cell;
    private static WalletRest wallet;
    private static String opsToken;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final LongAdder retries = new LongAdder();
    private final LongAdder replays = new LongAdder();
    /** Per account, what the acknowledged requests moved: credits minus debits. */
    private final Map<Long, AtomicLong> expectedMovement = new ConcurrentHashMap<>();
    /** Transfer id to amount, for every acknowledged transfer and posted reservation. */
    private final Map<String, Long> postedTransfers = new ConcurrentHashMap<>();
    private final Set<String> expiringReservations = ConcurrentHashMap.newKeySet();

    private long stakesHeld;
    private long clearing;
    private final List<Long> players = new ArrayList<>();

    @BeforeAll
    static void startPlatform() {
        platform = WalletPlatform.start(TestInfrastructure.postgres(), TestInfrastructure.broker(), "cellbet_wcrash",
                "wallet-crash-1", Path.of("target", "wallet-crash-it").toAbsolutePath(), builder -> { });
        cell = platform.cell(WalletPlatform.CELL);
        opsToken = OpsLogin.token(platform);
        wallet = new WalletRest(new JsonHttp(Duration.ofSeconds(5)).withBearer(opsToken), cell.baseUrl());
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void acknowledgedMoneyMovementsSurviveCellCrashesExactlyOnce() throws Exception {
        openAccounts();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> runClient(client)));
        }
        int kills = ThreadLocalRandom.current().nextInt(KILLS_MIN, KILLS_MAX + 1);
        try {
            for (int k = 0; k < kills; k++) {
                awaitMoreAcknowledged();
                cell.kill();
                cell.start();
            }
            awaitMoreAcknowledged();
        } finally {
            stop.set(true);
            clients.shutdown();
        }
        assertTrue(clients.awaitTermination(RETRY_MAX.toSeconds() + 10, TimeUnit.SECONDS), "clients finished");
        for (Future<?> client : running) {
            client.get();
        }
        System.out.printf("WalletCrashIT: %d kills, %d acknowledged requests, %d retries, %d replayed answers,"
                + " %d posted transfers, %d reservations left to expire%n", kills, acknowledged.get(),
                retries.sum(), replays.sum(), postedTransfers.size(), expiringReservations.size());
        assertEquals(List.of(), List.copyOf(problems), "unexpected answers");
        assertTrue(retries.sum() > 0, "the kills broke requests in flight, which were retried");

        List<Long> accounts = new ArrayList<>(players);
        accounts.add(stakesHeld);
        accounts.add(clearing);
        await().atMost(EXPIRY_MAX).untilAsserted(() -> {
            for (long player : players) {
                given().header("Authorization", "Bearer " + opsToken).when()
                        .get(cell.uri("/api/wallet/accounts/" + player))
                        .then().statusCode(200).body("pendingDebitsMinor", equalTo(0));
            }
        });
        Map<String, Integer> seen = new HashMap<>();
        long total = 0;
        for (long account : accounts) {
            total += assertStatementMatches(account, seen);
        }
        assertEquals(0, total, "the balances of the currency sum to zero");
        Set<String> missing = new HashSet<>(postedTransfers.keySet());
        missing.removeAll(seen.keySet());
        assertEquals(Set.of(), missing, "acknowledged transfers missing from the statements");
        Set<String> unacknowledged = new HashSet<>(seen.keySet());
        unacknowledged.removeAll(postedTransfers.keySet());
        assertEquals(Set.of(), unacknowledged, "transfers in the ledger that no client was told about");
        seen.forEach((transfer, lines) -> assertEquals(2, lines, "statement lines of transfer " + transfer));

        for (String reservation : expiringReservations) {
            given().header("Authorization", "Bearer " + opsToken).when()
                    .get(cell.uri("/api/wallet/transfers/" + reservation))
                    .then().statusCode(200).body("status", equalTo("expired"));
        }
        given().header("Authorization", "Bearer " + opsToken).contentType(ContentType.JSON).body("{}")
                .when().post(cell.uri("/api/wallet/audit"))
                .then().statusCode(200).body("passed", equalTo(true));
    }

    /** Balance = what acknowledged requests moved = sum of the statement = last line's balance; returns it. */
    private long assertStatementMatches(long account, Map<String, Integer> seen) throws Exception {
        JsonNode state = wallet.account(account);
        long balance = state.path("balanceMinor").asLong();
        long expected = expectedMovement.getOrDefault(account, new AtomicLong()).get();
        assertEquals(expected, balance, "balance of account " + account + " vs acknowledged requests");
        long sum = 0;
        Long lastBalanceAfter = null;
        Long before = null;
        while (true) {
            JsonNode page = wallet.statement(account, before, STATEMENT_PAGE);
            for (JsonNode line : page.path("lines")) {
                if (lastBalanceAfter == null) {
                    lastBalanceAfter = line.path("balanceAfterMinor").asLong();
                }
                sum += line.path("amountMinor").asLong();
                seen.merge(line.path("transferId").asText(), 1, Integer::sum);
            }
            JsonNode next = page.path("nextBefore");
            if (next.isMissingNode() || next.isNull()) {
                break;
            }
            before = next.asLong();
        }
        assertEquals(balance, sum, "balance of account " + account + " vs its statement");
        assertEquals(balance, lastBalanceAfter == null ? 0 : lastBalanceAfter,
                "balance of account " + account + " vs its last statement line");
        return balance;
    }

    private void openAccounts() throws Exception {
        stakesHeld = wallet.openHouseAccount(BRAND, "stakes_held");
        clearing = wallet.openHouseAccount(BRAND, "payments_clearing");
        for (int p = 0; p < PLAYERS; p++) {
            long player = wallet.openPlayerAccount(BRAND, "crash-" + p, "cash");
            players.add(player);
            JsonNode deposit = wallet.transferOrFail(transfer("deposit-" + player, clearing, player, DEPOSIT_MINOR,
                    "deposit"));
            acknowledgedTransfers(deposit);
        }
    }

    /** Until asked to stop, sends stakes, wins and reservations with fresh keys, each until it has an answer. */
    private void runClient(int client) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long sequence = 0;
        while (!stop.get()) {
            String key = "crash-" + client + "-" + sequence++;
            long player = players.get(random.nextInt(players.size()));
            long amount = 1 + random.nextLong(STAKE_MAX_MINOR);
            int choice = random.nextInt(10);
            try {
                if (choice < 5) {
                    sendTransfer(transfer(key, player, stakesHeld, amount, "stake"));
                } else if (choice < 7) {
                    sendTransfer(transfer(key, stakesHeld, player, amount, "win"));
                } else {
                    reserve(key, player, amount, random.nextInt(3));
                }
            } catch (Exception | AssertionError e) {
                problems.add(key + ": " + e);
                return;
            }
        }
    }

    private void sendTransfer(WalletRest.TransferBody body) throws Exception {
        JsonHttp.Response answer = untilAnswered(() -> wallet.transfer(body));
        if (answer.status() != 201 && answer.status() != 200) {
            problems.add(body.idempotencyKey() + " answered " + answer.status() + ": " + answer.text());
            return;
        }
        acknowledgedTransfers(answer.body());
    }

    /** A reservation that is left to expire (ending 0), posted (1) or voided (2). */
    private void reserve(String key, long player, long amount, int ending) throws Exception {
        long hold = ending == 0 ? SHORT_HOLD_S : LONG_HOLD_S;
        WalletRest.ReservationBody body = new WalletRest.ReservationBody(key, player, stakesHeld, amount,
                WalletRest.CURRENCY, "stake", "reservation " + key, hold);
        JsonHttp.Response reserved = untilAnswered(() -> wallet.reserve(body));
        // A replayed answer shows the reservation as it stands: a short one may have expired while the cell was down.
        if (!acknowledged(key, reserved, ending == 0 && reserved.status() == 200 ? Set.of("pending", "expired")
                : Set.of("pending"))) {
            return;
        }
        if (reserved.status() == 200) {
            replays.increment();
        }
        String id = reserved.body().path("id").asText();
        if (ending == 0) {
            expiringReservations.add(id);
            return;
        }
        String action = ending == 1 ? "post" : "void";
        JsonHttp.Response completed = untilAnswered(() -> wallet.complete(id, action));
        if (!acknowledged(key + "/" + action, completed, Set.of(ending == 1 ? "posted" : "voided"))) {
            return;
        }
        if (ending == 1) {
            move(id, player, stakesHeld, amount);
        }
    }

    private boolean acknowledged(String what, JsonHttp.Response answer, Set<String> statuses) {
        if (answer.status() != 201 && answer.status() != 200) {
            problems.add(what + " answered " + answer.status() + ": " + answer.text());
            return false;
        }
        if (!statuses.contains(answer.body().path("status").asText())) {
            problems.add(what + " has status " + answer.body().path("status").asText() + ", expected " + statuses);
            return false;
        }
        acknowledged.incrementAndGet();
        return true;
    }

    private void acknowledgedTransfers(JsonNode result) {
        for (JsonNode transfer : result.path("transfers")) {
            move(transfer.path("id").asText(), transfer.path("debitAccountId").asLong(),
                    transfer.path("creditAccountId").asLong(), transfer.path("amountMinor").asLong());
        }
        if (result.path("replayed").asBoolean(false)) {
            replays.increment();
        }
        acknowledged.incrementAndGet();
    }



    private void move(String transferId, long debit, long credit, long amount) {
        if (postedTransfers.putIfAbsent(transferId, amount) != null) {
            problems.add("transfer " + transferId + " acknowledged twice");
            return;
        }
        expectedMovement.computeIfAbsent(debit, id -> new AtomicLong()).addAndGet(-amount);
        expectedMovement.computeIfAbsent(credit, id -> new AtomicLong()).addAndGet(amount);
    }

    /**
     * Sends a request again and again (same body, so same idempotency key) until the cell answers it with
     * something other than a server error: while the cell is down or restarting, requests fail or time out.
     */
    private JsonHttp.Response untilAnswered(Callable<JsonHttp.Response> request) {
        AtomicReference<JsonHttp.Response> answer = new AtomicReference<>();
        AtomicBoolean first = new AtomicBoolean(true);
        await().atMost(RETRY_MAX).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(RETRY_INTERVAL)
                .until(() -> {
                    if (!first.getAndSet(false)) {
                        retries.increment();
                    }
                    try {
                        JsonHttp.Response response = request.call();
                        if (response.status() >= 500) {
                            return false;
                        }
                        answer.set(response);
                        return true;
                    } catch (java.io.IOException brokenOrRefused) {
                        return false;
                    }
                });
        return answer.get();
    }

    private void awaitMoreAcknowledged() {
        long target = acknowledged.get()
                + ThreadLocalRandom.current().nextInt(ACKS_BETWEEN_KILLS_MIN, ACKS_BETWEEN_KILLS_MAX + 1);
        await().atMost(PROGRESS_MAX).until(() -> acknowledged.get() >= target || !problems.isEmpty());
        assertEquals(List.of(), List.copyOf(problems), "unexpected answers");
    }

    private static WalletRest.TransferBody transfer(String key, long debit, long credit, long amount, String type) {
        return new WalletRest.TransferBody(key, List.of(new WalletRest.Leg(debit, credit, amount, WalletRest.CURRENCY,
                type, key)));
    }
}
