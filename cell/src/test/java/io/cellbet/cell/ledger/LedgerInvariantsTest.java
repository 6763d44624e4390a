package io.cellbet.cell.ledger;

import static io.cellbet.cell.ledger.WalletFixtures.deposit;
import static io.cellbet.cell.ledger.WalletFixtures.openHouse;
import static io.cellbet.cell.ledger.WalletFixtures.openPlayer;
import static io.cellbet.cell.ledger.WalletFixtures.transfer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.platform.persistence.Sql;
import io.cellbet.platform.persistence.SqlFailure;
import io.cellbet.wallet.api.AuditReport;
import io.cellbet.wallet.application.Auditor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's invariants hold in the database itself, and the auditor finds a ledger that was
 * corrupted behind the database's back (triggers disabled, as a superuser or a bad restore could).
 */
@QuarkusTest
class LedgerInvariantsTest {

    @Inject
    Sql sql;

    @Inject
    Auditor auditor;

    private long player;
    private long stakes;

    @BeforeEach
    void ledger() {
        String brand = "I" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        player = openPlayer(brand, "p-1", "EUR");
        stakes = openHouse(brand, "stakes_held", "EUR");
        deposit(brand, player, 5_000, "EUR");
        transfer("inv-" + UUID.randomUUID(), player, stakes, 1_000, "EUR").then().statusCode(201);
    }

    @Test
    void databaseRefusesAnUnbalancedChange() {
        SqlFailure failure = assertThrows(SqlFailure.class, () -> QuarkusTransaction.requiringNew().run(() ->
                sql.update("UPDATE wallet.accounts SET balance_minor = balance_minor + 1 WHERE id = ?", stakes)));
        assertTrue(failure.getCause().getMessage().contains("ledger out of balance"), failure.getMessage());
    }

    @Test
    void databaseRefusesANegativePlayerBalanceEvenWhenBalanced() {
        SqlFailure failure = assertThrows(SqlFailure.class, () -> QuarkusTransaction.requiringNew().run(() ->
                sql.update("UPDATE wallet.accounts SET balance_minor = balance_minor + CASE WHEN id = ? THEN -5000 "
                        + "ELSE 5000 END WHERE id IN (?, ?)", player, player, stakes)));
        assertTrue(failure.getCause().getMessage().contains("accounts_player_never_negative"), failure.getMessage());
    }

    @Test
    void databaseRefusesTransfersBreakingTheRules() {
        String insert = "INSERT INTO wallet.transfers (id, request_key, position, request_hash, debit_account_id, "
                + "credit_account_id, currency, amount_minor, type, two_phase, status, created_at) "
                + "VALUES (gen_random_uuid(), ?, 0, '\\x00', ?, ?, ?, ?, 'test', false, 'posted', now())";
        assertRefused("transfers_amount_positive", insert, "r-zero", player, stakes, "EUR", 0L);
        assertRefused("transfers_distinct_accounts", insert, "r-same", player, player, "EUR", 1L);
        assertRefused("transfers_debit_currency", insert, "r-currency", player, stakes, "USD", 1L);
        assertRefused("transfers_credit_currency", insert, "r-nowhere", player, 987_654_321L, "EUR", 1L);
        // Once written, neither a transfer's accounts and currency nor an account's currency change.
        assertRefused("never change", "UPDATE wallet.transfers SET currency = 'USD' WHERE debit_account_id = ?", player);
        assertRefused("never change", "UPDATE wallet.transfers SET credit_account_id = ? WHERE debit_account_id = ?",
                player, player);
        assertRefused("never change", "UPDATE wallet.accounts SET currency = 'USD' WHERE id = ?", stakes);
        assertRefused("never deleted", "DELETE FROM wallet.entries WHERE account_id = ?", player);
    }

    @Test
    void auditorFindsAnEntryChangedBehindTheLedgersBack() {
        assertTrue(auditor.audit().passed());
        long entry = sql.one("SELECT max(id) FROM wallet.entries WHERE account_id = ?", row -> row.getLong(1), player)
                .orElseThrow();
        corrupt("UPDATE wallet.entries SET amount_minor = amount_minor + 7 WHERE id = ?", entry);
        try {
            AuditReport report = auditor.audit();
            assertFalse(report.passed());
            assertTrue(report.findings().stream().anyMatch(f -> f.check().equals(AuditReport.BALANCE_NOT_ENTRIES)
                    && f.detail().contains("account " + player + " ")), report.findings()::toString);
            assertTrue(report.findings().stream().anyMatch(f -> f.check().equals(AuditReport.TRANSFER_NOT_ENTERED)),
                    report.findings()::toString);
            // The failed audit is what ops see, over REST and as a metric.
            given().when().get("/api/wallet/audit").then().statusCode(200).body("passed", equalTo(false))
                    .body("findings.check", hasItem(AuditReport.BALANCE_NOT_ENTRIES));
            given().when().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                    "cellbet_wallet_audit_passed 0.0"));
        } finally {
            corrupt("UPDATE wallet.entries SET amount_minor = amount_minor - 7 WHERE id = ?", entry);
        }
        given().when().post("/api/wallet/audit").then().statusCode(200).body("passed", equalTo(true));
    }

    @Test
    void auditorFindsABalanceChangedWithTheTriggersDisabled() {
        corrupt("UPDATE wallet.accounts SET balance_minor = balance_minor + 100 WHERE id = ?", stakes);
        try {
            AuditReport report = auditor.audit();
            assertFalse(report.passed());
            assertTrue(report.findings().stream().anyMatch(f -> f.check().equals(AuditReport.CURRENCY_NOT_BALANCED)
                    && f.detail().contains("EUR sum to 100")), report.findings()::toString);
        } finally {
            corrupt("UPDATE wallet.accounts SET balance_minor = balance_minor - 100 WHERE id = ?", stakes);
        }
        assertTrue(auditor.audit().passed());
    }

    /** Changes a row as only a superuser can: with triggers (and so the balance check) switched off. */
    @Test
    void auditorFindsAnEntryOfATransferAndAnAccountThatDoNotExist() {
        assertTrue(auditor.audit().passed());
        UUID transfer = UUID.randomUUID();
        // Written past the ledger (triggers off): nothing at the write checks an entry's transfer and account.
        corrupt("INSERT INTO wallet.entries (account_id, transfer_id, amount_minor, balance_after_minor, created_at) "
                + "VALUES (?, '" + transfer + "', 1, 1, now())", 987_654_321L);
        try {
            AuditReport report = auditor.audit();
            assertFalse(report.passed());
            assertTrue(report.findings().stream().anyMatch(f -> f.check().equals(AuditReport.ENTRY_ORPHANED)
                    && f.detail().contains("transfer " + transfer + ", which does not exist")
                    && f.detail().contains("account 987654321, which does not exist")), report.findings()::toString);
        } finally {
            corrupt("DELETE FROM wallet.entries WHERE account_id = ?", 987_654_321L);
        }
        assertTrue(auditor.audit().passed());
    }

    private void corrupt(String statement, long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("SET LOCAL session_replication_role = replica");
            sql.update(statement, id);
        });
    }

    private void assertRefused(String reason, String statement, Object... parameters) {
        SqlFailure failure = assertThrows(SqlFailure.class, () -> QuarkusTransaction.requiringNew().run(() ->
                sql.update(statement, parameters)));
        assertTrue(failure.getCause().getMessage().contains(reason), failure.getCause().getMessage());
    }
}
