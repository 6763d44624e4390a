package io.cellbet.platform.persistence;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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
 * autovacuum would, by autovacuum's rules: {@code ANALYZE} a table once more than {@code autovacuum_analyze_threshold
 * + autovacuum_analyze_scale_factor} x its rows changed since its last analysis (50 + 10 % by default), {@code VACUUM}
 * it once more than {@code autovacuum_vacuum_threshold + autovacuum_vacuum_scale_factor} x its rows are dead (50 +
 * 20 %). A table's own settings ({@code ALTER TABLE ... SET (autovacuum_...)}) come before the server's, as they do
 * for autovacuum, and a table with {@code autovacuum_enabled = false} is left alone. So a table tuned for autovacuum
 * (the bets, ledger and outbox tables, which grow with every bet, are analysed once they have grown by half) gets
 * the same upkeep on a server without it. An analysis also makes PostgreSQL plan the statements it has
 * cached for the table again. With autovacuum on, this does nothing.
 *
 * <p>A vacuum runs without parallel workers ({@code PARALLEL 0}), as autovacuum's do: left to itself, a manual
 * {@code VACUUM} of a table with two or more indexes over 512 kB starts a worker process per index for their cleanup,
 * even when there is nothing to clean (the outbox's took 140 ms idle, 5 ms without; ops/README.md, bets, fifteenth
 * session).
 */
@ApplicationScoped
public class TableUpkeep {

    private static final Logger LOG = Logger.getLogger(TableUpkeep.class);

    /**
     * A table's counters, as {@code pg_stat_user_tables} gives them, and the autovacuum rules that apply to it: its own
     * settings where it has them, else the server's.
     */
    record TableState(String schema, String table, long liveRows, long deadRows, long modifiedSinceAnalyze,
            Rules rules) {

        boolean needsAnalyze() {
            return rules.enabled() && modifiedSinceAnalyze > rules.analyzeThreshold()
                    + rules.analyzeScaleFactor() * liveRows;
        }

        boolean needsVacuum() {
            return rules.enabled() && deadRows > rules.vacuumThreshold() + rules.vacuumScaleFactor() * liveRows;
        }

        String qualifiedName() {
            return quoted(schema) + "." + quoted(table);
        }

        private static String quoted(String identifier) {
            return "\"" + identifier.replace("\"", "\"\"") + "\"";
        }
    }

    /** When autovacuum would analyse or vacuum a table: {@code enabled} false for a table it must leave alone. */
    record Rules(boolean enabled, long vacuumThreshold, double vacuumScaleFactor, long analyzeThreshold,
            double analyzeScaleFactor) {

        /** The server's own settings, the same for every table, and those a table's options override. */
        static Rules of(Map<String, String> server, List<String> tableOptions) {
            Map<String, String> options = new HashMap<>(server);
            if (tableOptions != null) {
                for (String option : tableOptions) {
                    int equals = option.indexOf('=');
                    if (equals > 0) {
                        options.put(option.substring(0, equals), option.substring(equals + 1));
                    }
                }
            }
            // A boolean option keeps the spelling it was set with: false, off, no or 0 switch autovacuum off.
            return new Rules(!List.of("false", "off", "no", "0").contains(
                    options.getOrDefault("autovacuum_enabled", "true").toLowerCase(Locale.ROOT)),
                    Long.parseLong(options.getOrDefault("autovacuum_vacuum_threshold", "50")),
                    Double.parseDouble(options.getOrDefault("autovacuum_vacuum_scale_factor", "0.2")),
                    Long.parseLong(options.getOrDefault("autovacuum_analyze_threshold", "50")),
                    Double.parseDouble(options.getOrDefault("autovacuum_analyze_scale_factor", "0.1")));
        }
    }

    /** The server settings whose values a table's options can override. */
    private static final List<String> SERVER_RULES = List.of("autovacuum_vacuum_threshold",
            "autovacuum_vacuum_scale_factor", "autovacuum_analyze_threshold", "autovacuum_analyze_scale_factor");

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
        Map<String, String> server = sql.list("SELECT name, setting FROM pg_settings WHERE name = ANY(?)",
                row -> Map.entry(row.getString(1), row.getString(2)), (Object) SERVER_RULES.toArray(String[]::new))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<TableState> tables = sql.list("""
                SELECT s.schemaname, s.relname, s.n_live_tup, s.n_dead_tup, s.n_mod_since_analyze, c.reloptions
                FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
                WHERE s.schemaname NOT IN ('public', 'pg_catalog', 'information_schema')
                ORDER BY s.schemaname, s.relname""", row -> new TableState(row.getString(1), row.getString(2),
                        row.getLong(3), row.getLong(4), row.getLong(5), Rules.of(server, options(row.getArray(6)))));
        List<String> done = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        for (TableState table : tables) {
            // As autovacuum does, each only when its own threshold is passed: a queue's vacuum need not sample it.
            String command = table.needsVacuum()
                    ? table.needsAnalyze() ? "VACUUM (PARALLEL 0, ANALYZE) " : "VACUUM (PARALLEL 0) "
                    : table.needsAnalyze() ? "ANALYZE " : null;
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

    private static List<String> options(Array reloptions) throws SQLException {
        return reloptions == null ? null : List.of((String[]) reloptions.getArray());
    }
}
