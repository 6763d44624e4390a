package io.cellbet.cell.ledger;

import static io.cellbet.cell.ledger.WalletFixtures.balance;
import static io.cellbet.cell.ledger.WalletFixtures.deposit;
import static io.cellbet.cell.ledger.WalletFixtures.openHouse;
import static io.cellbet.cell.ledger.WalletFixtures.openPlayer;
import static io.cellbet.cell.ledger.WalletFixtures.transfer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ledger's database goes away in the middle of the day: requests are answered
 * LEDGER_UNAVAILABLE (never a stack trace, never half a transfer), and once the database is back
 * the same key applies exactly once, without restarting the cell.
 */
@QuarkusTest
@TestProfile(LedgerDatabaseOutageTest.Profile.class)
class LedgerDatabaseOutageTest {

    /** The cell, with its database behind a proxy the test can cut. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseProxyResource.class));
        }
    }

    @Test
    void answersUnavailableWhileTheDatabaseIsGoneAndAppliesTheRetryOnceWhenItIsBack() {
        String brand = "O" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        long player = openPlayer(brand, "p-1", "EUR");
        long stakes = openHouse(brand, "stakes_held", "EUR");
        deposit(brand, player, 10_000, "EUR");

        DatabaseProxyResource.proxy.cut();
        try {
            transfer("outage-1", player, stakes, 1_000, "EUR").then().statusCode(503)
                    .contentType("application/problem+json").body("code", equalTo("LEDGER_UNAVAILABLE"));
        } finally {
            DatabaseProxyResource.proxy.restore();
        }

        // Pooled connections cut earlier fail once more and are dropped; the cell heals by itself.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                transfer("outage-1", player, stakes, 1_000, "EUR").then().statusCode(anyOf(is(200), is(201))));
        assertEquals(9_000, balance(player));
        assertEquals(1_000, balance(stakes));
        given().when().post("/api/wallet/audit").then().statusCode(200).body("passed", equalTo(true));
    }
}
