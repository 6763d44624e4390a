package io.cellbet.cell.ledger;

import static io.cellbet.cell.ledger.WalletFixtures.balance;
import static io.cellbet.cell.ledger.WalletFixtures.deposit;
import static io.cellbet.cell.ledger.WalletFixtures.openHouse;
import static io.cellbet.cell.ledger.WalletFixtures.openPlayer;
import static io.cellbet.cell.ledger.WalletFixtures.transfer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A request that waited in the ledger's queue past its timeout is refused LEDGER_BUSY and never applied afterwards;
 * the same key sent again applies once. Bet recovery relies on this: it asks for a stake again and trusts the answer.
 */
@QuarkusTest
@TestProfile(LedgerQueueTimeoutTest.Profile.class)
class LedgerQueueTimeoutTest {

    private static final Duration QUEUE_TIMEOUT = Duration.ofMillis(500);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cellbet.wallet.ledger.queue-timeout", QUEUE_TIMEOUT.toMillis() + "ms");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Test
    void aRequestQueuedPastTheTimeoutIsRefusedUnappliedAndItsRetryAppliesOnce() throws Exception {
        String brand = "Q" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        long player = openPlayer(brand, "p-1", "EUR");
        long stakes = openHouse(brand, "stakes_held", "EUR");
        deposit(brand, player, 10_000, "EUR");

        CompletableFuture<Response> first;
        CompletableFuture<Response> queued;
        // Another transaction holds the player's row: the writer's batch with the first request waits for it, and the
        // second request waits in the queue behind that batch.
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement(
                    "SELECT id FROM wallet.accounts WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, player);
                lock.executeQuery().close();
            }
            first = CompletableFuture.supplyAsync(() -> transfer("queue-1", player, stakes, 1_000, "EUR"));
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedOnTheLock());
            queued = CompletableFuture.supplyAsync(() -> transfer("queue-2", player, stakes, 2_000, "EUR"));
            await().atMost(Duration.ofSeconds(10)).until(() -> queueDepth() == 1);
            // It stays queued for longer than the timeout.
            await().during(QUEUE_TIMEOUT.multipliedBy(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> queueDepth() == 1 && !queued.isDone());
            blocker.rollback();
        }

        first.get().then().statusCode(201);
        queued.get().then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("LEDGER_BUSY"));
        await().atMost(Duration.ofSeconds(10)).until(() -> queueDepth() == 0);
        assertEquals(9_000, balance(player), "only the first request moved money");

        transfer("queue-2", player, stakes, 2_000, "EUR").then().statusCode(201);
        transfer("queue-2", player, stakes, 2_000, "EUR").then().statusCode(200);
        assertEquals(7_000, balance(player));
        assertEquals(3_000, balance(stakes));
        given().when().post("/api/wallet/audit").then().statusCode(200).body("passed", equalTo(true));
    }

    private double queueDepth() {
        return metrics.find("cellbet.wallet.queue.depth").gauge().value();
    }

    /** Whether a session other than the blocker's waits for a lock on the player's account row. */
    private boolean blockedOnTheLock() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement waiting = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
            try (var rows = waiting.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }
}
