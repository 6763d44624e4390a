package io.cellbet.platform.persistence;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Analyses and vacuums the app's tables when the server does not: a PostgreSQL with {@code autovacuum} off (some
 * test and benchmark machines run so) never gathers statistics nor removes dead rows. Without statistics the planner
 * guesses a table's contents from its size alone, and a plan cached while a table was nearly empty (a sequential scan
 * of what was then one page) stays in use as it grows to millions of rows; without vacuum, every row's old versions
 * stay in the heap and in the indexes, and every read walks past them.
 *
 * <p>So, only while the server's {@code autovacuum} is off, every {@code cellbet.db.upkeep-interval} this does what
 * autovacuum would, with autovacuum's default thresholds: {@code ANALYZE} a table once more than 50 + 10 % of its
 * rows changed since its last analysis, {@code VACUUM} it once more than 50 + 20 % of them are dead. An analysis
 * also makes PostgreSQL plan the statements it has cached for the table again. With autovacuum on, this does nothing.
 */
@ApplicationScoped
public class TableUpkeep {

    private static final Logger LOG = Logger.getLogger(TableUpkeep.class);

    /** A table's counters, as {@code pg_stat_user_tables} gives them. */
    record TableState(String schema, String table, long liveRows, long deadRows, long modifiedSinceAnalyze) {

        boolean needsAnalyze() {
            return modifiedSinceAnalyze > 50 + liveRows / 10;
        }

        boolean needsVacuum() {
            return deadRows > 50 + liveRows / 5;
        }

        String qualifiedName() {
            return quoted(schema) + "." + quoted(table);
        }

        private static String quoted(String identifier) {
            return "\"" + identifier.replace("\"", "\"\"") + "\"";
        }
    }

    private final Sql sql;
    private final boolean enabled;

    public TableUpkeep(Sql sql, @ConfigProperty(name = "cellbet.db.upkeep-enabled", defaultValue = "true")
            boolean enabled) {
        this.sql = sql;
        this.enabled = enabled;
    }

    @Scheduled(every = "${cellbet.db.upkeep-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            upkeep();
        } catch (RuntimeException e) {
            LOG.warnf("table upkeep failed; tried again next round: %s", e.getMessage());
        }
    }

    /** One round: the tables analysed or vacuumed (none when the server's autovacuum is on). */
    public List<String> upkeep() {
        boolean serverDoesIt = sql.one("SELECT current_setting('autovacuum') = 'on'", row -> row.getBoolean(1))
                .orElse(true);
        if (serverDoesIt) {
            return List.of();
        }
        List<TableState> tables = sql.list("SELECT schemaname, relname, n_live_tup, n_dead_tup, n_mod_since_analyze "
                + "FROM pg_stat_user_tables WHERE schemaname NOT IN ('public', 'pg_catalog', 'information_schema') "
                + "ORDER BY schemaname, relname", row -> new TableState(row.getString(1), row.getString(2),
                        row.getLong(3), row.getLong(4), row.getLong(5)));
        List<String> done = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        for (TableState table : tables) {
            String command = table.needsVacuum() ? "VACUUM (ANALYZE) " : table.needsAnalyze() ? "ANALYZE " : null;
            if (command != null) {
                String statement = command + table.qualifiedName();
                long started = System.nanoTime();
                // Outside any transaction: VACUUM cannot run inside one, and each table commits on its own.
                sql.update(statement);
                done.add(statement);
                timed.add(statement + " " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
        }
        if (!done.isEmpty()) {
            LOG.debugf("table upkeep (server autovacuum off): %s", timed);
        }
        return done;
    }
}
