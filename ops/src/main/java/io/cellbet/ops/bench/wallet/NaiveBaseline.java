package io.cellbet.ops.bench.wallet;

import io.cellbet.localinfra.PostgresEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The naive ledger the wallet is compared with: one PostgreSQL transaction per transfer, driven by {@code pgbench}.
 * Each transaction picks a random player and one of the hot house accounts, locks both rows in id order, updates
 * both balances and inserts one entry per account. Same table shapes as the wallet's ledger (accounts with a
 * balance, entries with the balance after), but less work per transfer: no transfer row, no idempotency key.
 */
final class NaiveBaseline {

    /** The database the baseline owns: dropped and created again by every run. */
    static final String DATABASE = "cellbet_bench_naive";
    static final long PLAYER_OPENING_BALANCE_MINOR = 1_000_000_000L;
    /** Stakes are 1 to this many minor units, as in the wallet run. */
    static final int STAKE_MAX_MINOR = 5;
    /** How long past its {@code -T} a pgbench run may take (connecting, finishing) before it is killed. */
    private static final Duration RUN_GRACE = Duration.ofSeconds(60);
    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
    private static final Pattern LATENCY_AVERAGE = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");
    private static final Pattern PROCESSED =
            Pattern.compile("(?m)^number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("(?m)^number of failed transactions: (\\d+)");

    /** One pgbench run at a number of clients. */
    record Run(int clients, double tps, double latencyAverageMs, long transactions, long failed) {
    }

    private final PostgresEndpoint postgres;
    private final Path pgbench;
    private final Path workDir;
    private final int players;
    private final int houseAccounts;

    NaiveBaseline(PostgresEndpoint postgres, Path pgbench, Path workDir, int players, int houseAccounts) {
        this.postgres = postgres;
        this.pgbench = pgbench;
        this.workDir = workDir;
        this.players = players;
        this.houseAccounts = houseAccounts;
    }

    /**
     * Finds pgbench: {@code requested} if it is a path, else on the {@code PATH}, at {@code /usr/bin/pgbench}, or
     * the newest {@code /usr/lib/postgresql/<version>/bin/pgbench}.
     *
     * @throws IllegalStateException naming what to install when there is none
     */
    static Path findPgbench(String requested) {
        if (!requested.equals("auto")) {
            Path given = Path.of(requested);
            if (!Files.isExecutable(given)) {
                throw new IllegalStateException("--pgbench=" + requested + " is not an executable file");
            }
            return given;
        }
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "pgbench"));
                }
            }
        }
        candidates.add(Path.of("/usr/bin/pgbench"));
        newestPostgresBin().ifPresent(bin -> candidates.add(bin.resolve("pgbench")));
        return candidates.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("pgbench not found (looked on the PATH, in /usr/bin and "
                        + "/usr/lib/postgresql/*/bin). Install it (Debian: apt-get install postgresql-client) or "
                        + "pass --pgbench=/path/to/pgbench; --only=cellbet skips the baseline."));
    }

    private static Optional<Path> newestPostgresBin() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(dir -> dir.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .max(Comparator.comparingDouble(dir -> Double.parseDouble(dir.getFileName().toString())))
                    .map(dir -> dir.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Drops and creates {@value #DATABASE} with the hot house accounts (ids 1..houses) and funded players. */
    void createDatabase() throws SQLException {
        postgres.dropDatabaseIfExists(DATABASE);
        postgres.createDatabaseIfMissing(DATABASE);
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), postgres.username(),
                postgres.password()); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA wallet");
            sql.execute("CREATE TABLE wallet.accounts ("
                    + " id BIGINT PRIMARY KEY,"
                    + " kind TEXT NOT NULL,"
                    + " player_id TEXT,"
                    + " currency CHAR(3) NOT NULL,"
                    + " balance_minor BIGINT NOT NULL DEFAULT 0,"
                    + " version BIGINT NOT NULL DEFAULT 0,"
                    + " CONSTRAINT accounts_player_never_negative CHECK (player_id IS NULL OR balance_minor >= 0))");
            sql.execute("CREATE TABLE wallet.entries ("
                    + " id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " account_id BIGINT NOT NULL REFERENCES wallet.accounts (id),"
                    + " amount_minor BIGINT NOT NULL CHECK (amount_minor <> 0),"
                    + " balance_after_minor BIGINT NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            sql.execute("CREATE INDEX entries_statement ON wallet.entries (account_id, id)");
            sql.execute("INSERT INTO wallet.accounts (id, kind, currency)"
                    + " SELECT g, 'stakes_held', 'EUR' FROM generate_series(1, " + houseAccounts + ") g");
            sql.execute("INSERT INTO wallet.accounts (id, kind, player_id, currency, balance_minor)"
                    + " SELECT g, 'cash', 'p-' || g, 'EUR', " + PLAYER_OPENING_BALANCE_MINOR
                    + " FROM generate_series(" + firstPlayerId() + ", " + lastPlayerId() + ") g");
            sql.execute("VACUUM ANALYZE wallet.accounts");
        }
    }

    /** The pgbench script of one transfer; player ids follow the house ids, so locking in id order is house first. */
    String script() {
        return String.join("\n",
                "\\set player random(" + firstPlayerId() + ", " + lastPlayerId() + ")",
                "\\set house random(1, " + houseAccounts + ")",
                "\\set amount random(1, " + STAKE_MAX_MINOR + ")",
                "\\set debit 0 - :amount",
                "BEGIN;",
                "SELECT id FROM wallet.accounts WHERE id IN (:house, :player) ORDER BY id FOR UPDATE;",
                "UPDATE wallet.accounts SET balance_minor = balance_minor + :amount, version = version + 1"
                        + " WHERE id = :house RETURNING balance_minor AS house_after \\gset",
                "UPDATE wallet.accounts SET balance_minor = balance_minor - :amount, version = version + 1"
                        + " WHERE id = :player RETURNING balance_minor AS player_after \\gset",
                "INSERT INTO wallet.entries (account_id, amount_minor, balance_after_minor)"
                        + " VALUES (:house, :amount, :house_after);",
                "INSERT INTO wallet.entries (account_id, amount_minor, balance_after_minor)"
                        + " VALUES (:player, :debit, :player_after);",
                "END;",
                "");
    }

    /** Runs pgbench for {@code duration} with {@code clients} connections on {@code threads} threads. */
    Run run(int clients, int threads, Duration duration) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path script = workDir.resolve("naive-transfer.sql");
        Files.writeString(script, script(), StandardCharsets.UTF_8);
        Path output = workDir.resolve("pgbench-c" + clients + ".log");
        List<String> command = List.of(pgbench.toString(),
                "-h", postgres.host(), "-p", Integer.toString(postgres.port()), "-U", postgres.username(),
                "-n", "-M", "prepared", "-f", script.toString(),
                "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(threads, clients)),
                "-T", Long.toString(Math.max(1, duration.toSeconds())),
                DATABASE);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        if (postgres.password() != null && !postgres.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", postgres.password());
        }
        Process process = builder.start();
        if (!process.waitFor(duration.plus(RUN_GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pgbench at " + clients + " clients did not finish; see " + output);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("pgbench at " + clients + " clients exited with " + process.exitValue()
                    + "; " + output + ":\n" + text);
        }
        return parse(clients, text);
    }

    /** Reads tps, average latency and counts from pgbench's summary. */
    static Run parse(int clients, String output) {
        return new Run(clients, number(TPS, output, "tps"), number(LATENCY_AVERAGE, output, "latency average"),
                (long) number(PROCESSED, output, "transactions processed"),
                FAILED.matcher(output).find() ? (long) number(FAILED, output, "failed transactions") : 0);
    }

    private static double number(Pattern pattern, String output, String what) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + what + " in the pgbench output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private long firstPlayerId() {
        return houseAccounts + 1L;
    }

    private long lastPlayerId() {
        return (long) houseAccounts + players;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "pgbench %s on %s/%s", pgbench, postgres, DATABASE);
    }
}
