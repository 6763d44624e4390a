package io.cellbet.cell.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.platform.persistence.Sql;
import io.cellbet.platform.persistence.TableUpkeep;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the cell does for its tables when the database server's autovacuum does not. */
@QuarkusTest
class TableUpkeepTest {

    private static final String TABLE = "upkeep_test.churn";

    @Inject
    TableUpkeep upkeep;

    @Inject
    Sql sql;

    @AfterEach
    void dropTable() {
        sql.update("DROP SCHEMA IF EXISTS upkeep_test CASCADE");
    }

    @Test
    void aTableWithManyDeadRowsIsVacuumedAndAnalysedWhenTheServerDoesNotDoIt() {
        boolean serverDoesIt = sql.one("SELECT current_setting('autovacuum') = 'on'", row -> row.getBoolean(1))
                .orElseThrow();
        sql.update("CREATE SCHEMA IF NOT EXISTS upkeep_test");
        sql.update("CREATE TABLE " + TABLE + " (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
        sql.update("INSERT INTO " + TABLE + " SELECT g, 0 FROM generate_series(1, 1000) g");
        // Two updates of every row: 2,000 dead rows, past 50 + 20 % of 1,000.
        sql.update("UPDATE " + TABLE + " SET n = n + 1");
        sql.update("UPDATE " + TABLE + " SET n = n + 1");
        // The statistics collector hears of them once the writers' backends are idle.
        await().atMost(Duration.ofSeconds(20)).until(() -> deadRows() >= 2000 || vacuums() > 0);

        if (serverDoesIt) {
            // The server's autovacuum takes care of the table; the cell leaves it alone.
            assertEquals(List.of(), upkeep.upkeep());
            return;
        }
        // This round or the scheduled one (every 10 s) takes the table; either way the dead rows go.
        List<String> done = upkeep.upkeep();
        assertTrue(done.isEmpty() || done.contains("VACUUM (PARALLEL 0, ANALYZE) \"upkeep_test\".\"churn\""),
                done.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> vacuums() > 0 && analyses() > 0 && deadRows() == 0);
        // Nothing changed since: the next round leaves the table alone.
        assertTrue(upkeep.upkeep().stream().noneMatch(command -> command.contains("upkeep_test")));
    }

    @Test
    void aTableIsKeptByItsOwnAutovacuumSettingsBeforeTheServers() {
        boolean serverDoesIt = sql.one("SELECT current_setting('autovacuum') = 'on'", row -> row.getBoolean(1))
                .orElseThrow();
        sql.update("CREATE SCHEMA IF NOT EXISTS upkeep_test");
        // A queue's settings: vacuumed after 100 dead rows whatever its size. 300 dead rows of 10,000 are far below
        // the server's default (50 + 20 %, 2,050), above the table's own.
        sql.update("CREATE TABLE " + TABLE + " (id INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITH "
                + "(autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 100)");
        // And one autovacuum must leave alone: 2,000 dead rows of 1,000, and no vacuum.
        sql.update("CREATE TABLE upkeep_test.untouched (id INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITH "
                + "(autovacuum_enabled = false)");
        sql.update("INSERT INTO " + TABLE + " SELECT g, 0 FROM generate_series(1, 10000) g");
        sql.update("INSERT INTO upkeep_test.untouched SELECT g, 0 FROM generate_series(1, 1000) g");
        sql.update("VACUUM (ANALYZE) " + TABLE);
        sql.update("UPDATE " + TABLE + " SET n = n + 1 WHERE id <= 300");
        sql.update("UPDATE upkeep_test.untouched SET n = n + 1");
        sql.update("UPDATE upkeep_test.untouched SET n = n + 1");
        await().atMost(Duration.ofSeconds(20)).until(() -> deadRows() >= 300 && counter("n_dead_tup", "untouched")
                >= 2000);
        if (serverDoesIt) {
            assertEquals(List.of(), upkeep.upkeep());
            return;
        }
        long vacuumsBefore = vacuums();
        List<String> done = upkeep.upkeep();
        assertTrue(done.stream().noneMatch(command -> command.contains("untouched")), done.toString());
        // This round or a scheduled one vacuumed the queue.
        await().atMost(Duration.ofSeconds(20)).until(() -> vacuums() > vacuumsBefore && deadRows() == 0);
        assertEquals(0L, counter("vacuum_count", "untouched"));
        assertEquals(0L, counter("analyze_count", "untouched"));
    }

    @Test
    void theTablesThatGrowWithEveryBetAndStakeAreAnalysedFromSmallSamples() {
        // Every column counts: a table's sample is 300 rows times its largest statistics target, so one column left
        // at the default (a column added later without it) takes the table back to 30,000 rows.
        List<String> targets = sql.list("""
                SELECT a.attrelid::regclass || ' ' || min(a.attstattarget) || '-' || max(a.attstattarget)
                FROM pg_attribute a
                WHERE a.attrelid IN ('messaging.outbox'::regclass, 'wallet.transfers'::regclass,
                    'wallet.entries'::regclass, 'sportsbook.bets'::regclass, 'sportsbook.bet_legs'::regclass)
                  AND a.attnum > 0 AND NOT a.attisdropped
                GROUP BY a.attrelid ORDER BY a.attrelid::regclass::text COLLATE "C"
                """, row -> row.getString(1));
        assertEquals(List.of("messaging.outbox 10-10", "sportsbook.bet_legs 25-25", "sportsbook.bets 25-25",
                "wallet.entries 25-25", "wallet.transfers 25-25"), targets);
    }

    private long deadRows() {
        return counter("n_dead_tup");
    }

    private long vacuums() {
        return counter("vacuum_count");
    }

    private long analyses() {
        return counter("analyze_count");
    }

    private long counter(String column) {
        return counter(column, "churn");
    }

    private long counter(String column, String table) {
        return sql.one("SELECT " + column + " FROM pg_stat_user_tables WHERE schemaname = 'upkeep_test' AND relname "
                + "= ?", row -> row.getLong(1), table).orElse(0L);
    }
}
