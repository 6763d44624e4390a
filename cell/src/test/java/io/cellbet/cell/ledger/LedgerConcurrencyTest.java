package io.cellbet.cell.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.platform.persistence.Sql;
import io.cellbet.wallet.api.Account;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.AuditReport;
import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferRequest;
import io.cellbet.wallet.api.TransferResult;
import io.cellbet.wallet.api.WalletApi;
import io.cellbet.wallet.application.Auditor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 50 clients send 100,000 requests at once: stakes, wins, linked transfers, overdrafts, exact
 * duplicates (alone and racing each other) and reused keys with other content. Afterwards the
 * auditor must pass, every accepted key must exist exactly once with the transfers its client
 * was told, and no refused request may have left a row.
 */
@QuarkusTest
class LedgerConcurrencyTest {

    private static final int CLIENTS = 50;
    private static final int REQUESTS_PER_CLIENT = 2_000;
    private static final int PLAYERS = 200;
    private static final long DEPOSIT_MINOR = 20_000;

    @Inject
    WalletApi wallet;

    @Inject
    Auditor auditor;

    @Inject
    Sql sql;

    /** What a client was told for a key it sent first: the transfers, by key. */
    private final Map<String, List<UUID>> accepted = new ConcurrentHashMap<>();
    private final Map<String, TransferRequest> acceptedRequests = new ConcurrentHashMap<>();
    private final List<String> acceptedKeys = new CopyOnWriteArrayList<>();
    private final Map<String, Rejection> refused = new ConcurrentHashMap<>();
    private final AtomicLong replays = new AtomicLong();
    private final AtomicLong reusedKeysRefused = new AtomicLong();

    @Test
    void keepsEveryInvariantUnderConcurrentLoadWithDuplicatesAndOverdrafts() throws Exception {
        String brand = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String prefix = brand + "-";
        long clearing = wallet.houseAccount(brand, AccountKind.PAYMENTS_CLEARING, "EUR").id();
        long stakes = wallet.houseAccount(brand, AccountKind.STAKES_HELD, "EUR").id();
        long ggr = wallet.houseAccount(brand, AccountKind.SPORTSBOOK_GGR, "EUR").id();
        long[] players = new long[PLAYERS];
        for (int i = 0; i < PLAYERS; i++) {
            players[i] = wallet.openPlayerAccount(brand, "player-" + i, AccountKind.CASH, "EUR").id();
            TransferResult deposit = send(TransferRequest.of(prefix + "deposit-" + i,
                    new TransferLeg(clearing, players[i], DEPOSIT_MINOR, "EUR", "deposit", null, null)));
            assertInstanceOf(TransferResult.Accepted.class, deposit);
        }

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int clientId = client;
            running.add(clients.submit(() -> runClient(prefix + clientId + "-", players, stakes, ggr)));
        }
        for (Future<?> future : running) {
            future.get();
        }
        clients.shutdown();

        AuditReport audit = auditor.audit();
        assertTrue(audit.passed(), () -> "audit findings: " + audit.findings());

        Map<String, List<UUID>> stored = new HashMap<>();
        sql.list("SELECT request_key, id FROM wallet.transfers WHERE request_key LIKE ? ORDER BY request_key, position",
                row -> stored.computeIfAbsent(row.getString(1), key -> new ArrayList<>())
                        .add(row.getObject(2, UUID.class)), prefix + "%-%");
        stored.keySet().removeIf(key -> key.startsWith(prefix + "deposit-"));
        assertEquals(accepted, stored, "every accepted key exists exactly once, with the transfers its client was told");
        for (String key : refused.keySet()) {
            assertTrue(!stored.containsKey(key), "refused request " + key + " left a transfer");
        }
        long playerTotal = sql.one("SELECT sum(balance_minor) FROM wallet.accounts WHERE brand = ? AND player_id IS NOT NULL",
                row -> row.getLong(1), brand).orElseThrow();
        long houseTotal = sql.one("SELECT sum(balance_minor) FROM wallet.accounts WHERE brand = ? AND player_id IS NULL",
                row -> row.getLong(1), brand).orElseThrow();
        assertEquals(0, playerTotal + houseTotal);
        assertEquals(PLAYERS * DEPOSIT_MINOR, playerTotal + wallet.account(stakes).map(Account::balanceMinor).orElseThrow()
                + wallet.account(ggr).map(Account::balanceMinor).orElseThrow());
        assertTrue(refused.values().stream().anyMatch(reason -> reason == Rejection.INSUFFICIENT_FUNDS));
        assertTrue(replays.get() > 1_000, "duplicates were exercised: " + replays.get());
        assertTrue(reusedKeysRefused.get() > 1_000, "reused keys were exercised: " + reusedKeysRefused.get());
    }

    private void runClient(String keyPrefix, long[] players, long stakes, long ggr) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 0; n < REQUESTS_PER_CLIENT; n++) {
            int dice = random.nextInt(100);
            long player = players[random.nextInt(players.length)];
            String key = keyPrefix + n;
            if (dice < 45) {
                fresh(key, leg(player, stakes, 1 + random.nextInt(400), "stake"));
            } else if (dice < 60) {
                fresh(key, leg(stakes, player, 1 + random.nextInt(300), "win"));
            } else if (dice < 65) {
                // A settled bet: stake to GGR and a win back to another player, all or none.
                long winner = players[random.nextInt(players.length)];
                fresh(key, leg(player, stakes, 1 + random.nextInt(200), "stake"),
                        leg(stakes, ggr, 1 + random.nextInt(100), "lost"), leg(stakes, winner, 1, "win"));
            } else if (dice < 72) {
                fresh(key, leg(player, stakes, DEPOSIT_MINOR * 100, "stake"));
            } else if (dice < 82) {
                duplicateOfAccepted(random);
            } else if (dice < 92) {
                reusedKeyWithOtherContent(random);
            } else {
                racingDuplicates(key, leg(player, stakes, 1 + random.nextInt(50), "stake"));
            }
        }
    }

    private void fresh(String key, TransferLeg... legs) {
        TransferRequest request = new TransferRequest(key, List.of(legs));
        record(key, request, send(request));
    }

    private void record(String key, TransferRequest request, TransferResult result) {
        if (result instanceof TransferResult.Accepted ok) {
            assertTrue(!ok.replayed(), "a fresh key was replayed: " + key);
            accepted.put(key, ok.transfers().stream().map(Transfer::id).toList());
            acceptedRequests.put(key, request);
            acceptedKeys.add(key);
        } else {
            TransferResult.Rejected rejected = (TransferResult.Rejected) result;
            assertEquals(Rejection.INSUFFICIENT_FUNDS, rejected.reason(), rejected.detail());
            refused.put(key, rejected.reason());
        }
    }

    private void duplicateOfAccepted(ThreadLocalRandom random) {
        if (acceptedKeys.isEmpty()) {
            return;
        }
        String key = acceptedKeys.get(random.nextInt(acceptedKeys.size()));
        TransferResult result = send(acceptedRequests.get(key));
        TransferResult.Accepted replay = assertInstanceOf(TransferResult.Accepted.class, result);
        assertTrue(replay.replayed());
        assertEquals(accepted.get(key), replay.transfers().stream().map(Transfer::id).toList());
        replays.incrementAndGet();
    }

    private void reusedKeyWithOtherContent(ThreadLocalRandom random) {
        if (acceptedKeys.isEmpty()) {
            return;
        }
        String key = acceptedKeys.get(random.nextInt(acceptedKeys.size()));
        TransferRequest original = acceptedRequests.get(key);
        TransferLeg first = original.legs().get(0);
        TransferLeg changed = new TransferLeg(first.debitAccountId(), first.creditAccountId(), first.amountMinor() + 1,
                first.currency(), first.type(), first.reference(), first.metadata());
        List<TransferLeg> legs = new ArrayList<>(original.legs());
        legs.set(0, changed);
        TransferResult result = send(new TransferRequest(key, legs));
        TransferResult.Rejected rejected = assertInstanceOf(TransferResult.Rejected.class, result);
        assertEquals(Rejection.IDEMPOTENCY_KEY_REUSED, rejected.reason());
        reusedKeysRefused.incrementAndGet();
    }

    private void racingDuplicates(String key, TransferLeg leg) {
        TransferRequest request = TransferRequest.of(key, leg);
        var first = wallet.transfer(request).toCompletableFuture();
        var second = wallet.transfer(request).toCompletableFuture();
        TransferResult one = first.join();
        TransferResult other = second.join();
        if (one instanceof TransferResult.Accepted a && other instanceof TransferResult.Accepted b) {
            assertNotEquals(a.replayed(), b.replayed(), "exactly one of two racing duplicates applies");
            assertEquals(a.transfers(), b.transfers());
            record(key, request, a.replayed() ? b : a);
            replays.incrementAndGet();
        } else {
            // Both refused (overdraft): neither may have left a row; checked at the end.
            assertInstanceOf(TransferResult.Rejected.class, one);
            assertInstanceOf(TransferResult.Rejected.class, other);
            record(key, request, one);
        }
    }

    private TransferResult send(TransferRequest request) {
        return wallet.transfer(request).toCompletableFuture().join();
    }

    private static TransferLeg leg(long debit, long credit, long amountMinor, String type) {
        return new TransferLeg(debit, credit, amountMinor, "EUR", type, null, null);
    }
}
