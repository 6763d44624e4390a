package io.cellbet.ops.bench.accounts;

import io.cellbet.localinfra.LocalInfrastructure;
import io.cellbet.localinfra.PostgresEndpoint;
import io.cellbet.ops.bench.BenchEnvironment;
import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.BenchResult;
import io.cellbet.ops.bench.CellMetrics;
import io.cellbet.ops.bench.JsonHttp;
import io.cellbet.ops.bench.LoadResult;
import io.cellbet.ops.bench.OpenModelLoad;
import io.cellbet.ops.bench.RateSteps;
import io.cellbet.ops.bench.Scenario;
import io.cellbet.ops.bench.ScenarioOption;
import io.cellbet.ops.bench.config.ConfigPropagationScenario.BrandChanges;
import io.cellbet.ops.bench.wallet.WalletPlatform;
import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.OpsLogin;
import io.cellbet.ops.platform.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Players' registrations and logins per second a cell holds at p99 <= 500 ms, at rising fixed arrival rates, with the
 * Argon2id parameters the cell ships. A kick-off brings login storms, and each login costs a deliberately slow hash:
 * this says how many a 2-core cell takes. There is no target yet; it reports what the machine does.
 */
public final class AccountsScenario implements Scenario {

    public static final String NAME = "accounts";
    static final String DATABASE_PREFIX = "cellbet_bench_accounts";
    static final String CELL_ID = "accounts-bench-1";
    /** The cell's timer of Argon2id hashes and verifications, by its Prometheus name. */
    static final String HASH_TIMER = "cellbet_accounts_password_hash";
    /**
     * Auth requests per client address per minute the bench's cell allows: all the load comes from one address, so
     * the cell's default (120) is lifted out of the way.
     */
    static final String RATE_LIMIT_PER_CLIENT = "100000000";
    /**
     * Requests per login name per minute the cell allows (its default, kept): a player's registration counts as one,
     * so the bench logs a player in at most {@link #PLAYER_LOGINS_PER_MINUTE_MAX} times a minute, one to spare.
     */
    static final int LOGIN_NAME_LIMIT_PER_MINUTE = 10;
    static final int PLAYER_LOGINS_PER_MINUTE_MAX = LOGIN_NAME_LIMIT_PER_MINUTE - 2;
    /** Argon2id hashes the cell computes at once (its default {@code concurrent-hashes-max}, kept). */
    static final int CONCURRENT_HASHES_MAX = 4;
    /** Threads registering the login players that are not measured: twice the hashes the cell runs at once. */
    static final int SETUP_THREADS = 2 * CONCURRENT_HASHES_MAX;
    static final Duration BRAND_WAIT_MAX = Duration.ofSeconds(60);
    /** How long the cell may take to finish registrations still queued after a step that was not held. */
    static final Duration IDLE_WAIT_MAX = Duration.ofSeconds(120);
    private static final long POLL_MS = 500;
    /** Polls without a new hash that make the cell idle: a GC pause or a slow commit is shorter. */
    private static final int QUIET_POLLS = 4;
    private static final long BRAND_POLL_MS = 100;
    private static final Pattern PHC_PARAMETERS = Pattern.compile(
            "^\\$argon2id\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "player registrations/s and logins/s a cell holds at p99 <= 500 ms with its Argon2id parameters";
    }

    @Override
    public List<ScenarioOption> options() {
        return List.of(
                new ScenarioOption("registration-rates", "5,10,15,20,30,40,60,80",
                        "arrival rates (registrations/s) of the registration steps, in increasing order"),
                new ScenarioOption("login-rates", "10,15,20,25,30,40,60,80,120,160",
                        "arrival rates (logins/s) of the login steps, in increasing order"),
                new ScenarioOption("step-s", "15", "measured seconds per step"),
                new ScenarioOption("step-warmup-s", "3", "unmeasured seconds at the step's rate before it"),
                new ScenarioOption("warmup-s", "10",
                        "unmeasured seconds at the first rate before the registration steps and before the login "
                                + "steps"),
                new ScenarioOption("p99-target-ms", "500", "p99 a rate must stay within to count as held"),
                new ScenarioOption("player-logins-per-min", Integer.toString(PLAYER_LOGINS_PER_MINUTE_MAX),
                        "most logins of one player per minute: the login players are at least rate * 60 / this "
                                + "(the cell allows " + LOGIN_NAME_LIMIT_PER_MINUTE + " requests per login name a "
                                + "minute, the registration included); 1-" + PLAYER_LOGINS_PER_MINUTE_MAX),
                new ScenarioOption("workers", "128", "most requests outstanding at once (threads of the load)"));
    }

    @Override
    public BenchResult run(BenchOptions options) throws Exception {
        Settings settings = Settings.from(options);
        Path root = RepositoryRoot.find();
        Path workDir = root.resolve("target").resolve("bench-work").resolve(NAME);
        BenchResult.Builder result = BenchResult.builder(NAME);
        try (LocalInfrastructure infrastructure = LocalInfrastructure.resolve(System.getenv(),
                workDir.resolve("infrastructure"))) {
            result.context("infrastructure", infrastructure.describe());
            result.context("loadAverageAtStart", BenchEnvironment.loadAverage());
            log("Starting the platform (one cell, databases %s_*)...", DATABASE_PREFIX);
            try (LocalPlatform platform = WalletPlatform.start(infrastructure.postgres(), infrastructure.broker(),
                    DATABASE_PREFIX, CELL_ID, workDir, builder -> builder.environment(WalletPlatform.CELL,
                            "CELLBET_ACCOUNTS_RATE_LIMIT_PER_CLIENT", RATE_LIMIT_PER_CLIENT))) {
                AppProcess cell = platform.cell(WalletPlatform.CELL);
                log("%s ready in %d ms (%s)", cell.name(), cell.startedInMs(), cell.baseUrl());
                result.metric("cell_start_s", cell.startedInMs() / 1000.0);
                JsonHttp http = new JsonHttp();
                String brand = createBrand(http.withBearer(OpsLogin.token(platform)), platform.controlPlane().baseUrl(),
                        cell.baseUrl());
                BenchPlayers players = new BenchPlayers(http, cell.baseUrl(), brand);

                Phase registrations = runSteps("registrations", settings.registrationRates, settings,
                        rate -> { }, index -> players.register(), cell, result);
                awaitIdle(cell.baseUrl());
                Phase logins = runSteps("logins", settings.loginRates, settings,
                        rate -> topUp(players, BenchPlayers.playersFor(rate, settings.playerLoginsPerMinute)),
                        index -> players.login(), cell, result);

                HashTotals hashes = HashTotals.read(cell.baseUrl());
                report(result, registrations, logins, hashes);
                reportParameters(result, platform.postgres(), platform.database(WalletPlatform.CELL));
                result.metric("players", players.size()).metric("cell_rss_mb", cell.rssMb());
                result.context("rateLimitPerClient", Long.parseLong(RATE_LIMIT_PER_CLIENT));
                result.context("rateLimitPerLoginName", LOGIN_NAME_LIMIT_PER_MINUTE);
            }
            result.context("loadAverageAtEnd", BenchEnvironment.loadAverage());
        }
        return result.build();
    }

    /** Creates the bench brand on the control plane and waits until the cell serves it; returns its code. */
    public static String createBrand(JsonHttp http, String controlPlaneUrl, String cellUrl)
            throws IOException, InterruptedException {
        new BrandChanges(http, controlPlaneUrl, 1).createAll();
        String brand = BrandChanges.code(0);
        long deadline = System.nanoTime() + BRAND_WAIT_MAX.toNanos();
        while (http.send("GET", cellUrl + "/api/config/brands/" + brand, null).status() != 200) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The cell did not serve brand " + brand + " within "
                        + BRAND_WAIT_MAX.toSeconds() + " s of its creation");
            }
            Thread.sleep(BRAND_POLL_MS);
        }
        log("Brand %s created and served by the cell", brand);
        return brand;
    }

    private static void topUp(BenchPlayers players, int count) throws Exception {
        if (players.size() < count) {
            log("Registering players for the logins: %d -> %d (not measured)...", players.size(), count);
            players.registerUntil(count, SETUP_THREADS);
        }
    }

    /**
     * Waits until the cell's hash count stops moving: after a step that was not held, the cell still works through
     * registrations the load gave up on, and the logins must not start behind them.
     */
    private static void awaitIdle(String cellUrl) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + IDLE_WAIT_MAX.toNanos();
        long before = HashTotals.read(cellUrl).count();
        int quietPolls = 0;
        while (quietPolls < QUIET_POLLS) {
            if (System.nanoTime() - deadline > 0) {
                log("The cell was still hashing %d s after the registrations", IDLE_WAIT_MAX.toSeconds());
                return;
            }
            Thread.sleep(POLL_MS);
            long now = HashTotals.read(cellUrl).count();
            quietPolls = now == before ? quietPolls + 1 : 0;
            before = now;
        }
    }

    /** Runs before each step (and the warm-up) with its rate, e.g. to register enough players for it. */
    @FunctionalInterface
    interface StepSetup {
        void before(double rate) throws Exception;
    }

    /**
     * Warms up at the first rate, then runs the steps until one is not held. Each step's requests are blocking calls
     * on {@code workers} threads; the latency counts from when each was due.
     */
    private static Phase runSteps(String what, List<Double> rates, Settings settings, StepSetup setup,
            OpenModelLoad.Action action, AppProcess cell, BenchResult.Builder result) throws Exception {
        setup.before(rates.get(0));
        log("%s: warm-up %d s at %s/s", what, settings.warmUp.toSeconds(), RateSteps.rate(rates.get(0)));
        OpenModelLoad.builder().ratePerSecond(rates.get(0)).warmUp(settings.warmUp).count(0)
                .workers(settings.workers).build().run(action);
        RateSteps steps = new RateSteps(settings.p99TargetMs);
        List<Double> hashMs = new ArrayList<>();
        for (int s = 0; s < rates.size(); s++) {
            double rate = rates.get(s);
            setup.before(rate);
            log("%s, step %d: %s/s for %d s...", what, s + 1, RateSteps.rate(rate), settings.step.toSeconds());
            HashTotals hashesBefore = HashTotals.read(cell.baseUrl());
            LoadResult load = OpenModelLoad.builder().ratePerSecond(rate).warmUp(settings.stepWarmUp)
                    .duration(settings.step).workers(settings.workers).build().run(action);
            double stepHashMs = HashTotals.read(cell.baseUrl()).meanMsSince(hashesBefore);
            hashMs.add(Math.round(stepHashMs * 100) / 100.0);
            RateSteps.Step step = steps.add(load);
            log("%s, step %d: %s; a hash took %.1f ms on average", what, s + 1, step.line(), stepHashMs);
            if (!step.held()) {
                if (!load.errorSamples().isEmpty()) {
                    result.context(what + "ErrorSamples", load.errorSamples());
                    log("Errors, e.g. %s", load.errorSamples().get(0));
                }
                break;
            }
        }
        result.context(what + "Steps", steps.asMaps());
        result.context(what + "StepHashMs", hashMs);
        return new Phase(what, steps, hashMs);
    }

    /**
     * Prints both step tables. {@code registrations_per_s} and {@code logins_per_s} are the highest rates held (0
     * when the first step was not), their p99 and mean hash at that rate (at the first step when none was held);
     * {@code hash_ms} is the mean of every hash the cell made in the run, whatever the load.
     */
    private static void report(BenchResult.Builder result, Phase registrations, Phase logins, HashTotals hashes) {
        for (Phase phase : List.of(registrations, logins)) {
            System.out.println();
            System.out.println(Character.toUpperCase(phase.name().charAt(0)) + phase.name().substring(1) + ":");
            System.out.print(phase.steps().markdown());
            System.out.println("Mean hash per step, ms: " + phase.hashMs());
        }
        result.metric("registrations_per_s", registrations.heldRate())
                .metric("registration_p99_ms", registrations.reported().p99Ms())
                .target("registration_p99_ms", "<= " + RateSteps.rate(registrations.steps().p99TargetMs()))
                .metric("logins_per_s", logins.heldRate())
                .metric("login_p99_ms", logins.reported().p99Ms())
                .target("login_p99_ms", "<= " + RateSteps.rate(logins.steps().p99TargetMs()))
                .metric("hash_ms", hashes.meanMs())
                .metric("registration_hash_ms", registrations.reportedHashMs())
                .metric("login_hash_ms", logins.reportedHashMs())
                .metric("hashes", hashes.count());
    }

    /** The steps of registrations or of logins, with the cell's mean hash time during each. */
    record Phase(String name, RateSteps steps, List<Double> hashMs) {

        /** The highest rate held; 0 when the first step was not. */
        double heldRate() {
            RateSteps.Step held = steps.highestHeld();
            return held == null ? 0 : held.rate();
        }

        /** The step at the highest rate held, or the first step when none was. */
        RateSteps.Step reported() {
            RateSteps.Step held = steps.highestHeld();
            return held != null ? held : steps.list().get(0);
        }

        /** The mean hash during the {@link #reported()} step. */
        double reportedHashMs() {
            return hashMs.get(steps.list().indexOf(reported()));
        }
    }

    /**
     * The Argon2id parameters the cell hashed with, read from a stored hash's PHC prefix (so the figures say what
     * was measured, not what the defaults are believed to be).
     */
    private static void reportParameters(BenchResult.Builder result, PostgresEndpoint postgres, String database)
            throws SQLException {
        String stored;
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
                postgres.password()); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT password_hash FROM accounts.players LIMIT 1")) {
            stored = rows.next() ? rows.getString(1) : null;
        }
        Optional<Argon2Parameters> parameters = Argon2Parameters.fromPhc(stored);
        if (parameters.isEmpty()) {
            log("No Argon2id hash found in %s to read the parameters from", database);
            return;
        }
        Argon2Parameters used = parameters.get();
        log("Argon2id parameters of the stored hashes: %s; at most %d hashes at once", used, CONCURRENT_HASHES_MAX);
        result.metric("argon2_memory_kib", used.memoryKib())
                .metric("argon2_iterations", used.iterations())
                .metric("argon2_parallelism", used.parallelism())
                .metric("concurrent_hashes_max", CONCURRENT_HASHES_MAX);
        result.context("passwordHashParameters", used.toString());
    }

    private static void log(String format, Object... args) {
        System.out.println("[accounts] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** Argon2id parameters as a PHC string states them: {@code $argon2id$v=19$m=19456,t=2,p=1$...}. */
    record Argon2Parameters(int version, int memoryKib, int iterations, int parallelism) {

        static Optional<Argon2Parameters> fromPhc(String encoded) {
            Matcher matcher = encoded == null ? null : PHC_PARAMETERS.matcher(encoded);
            if (matcher == null || !matcher.find()) {
                return Optional.empty();
            }
            return Optional.of(new Argon2Parameters(Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)),
                    Integer.parseInt(matcher.group(4))));
        }

        @Override
        public String toString() {
            return "argon2id v=" + version + " m=" + memoryKib + " KiB, t=" + iterations + ", p=" + parallelism;
        }
    }

    /** The cell's hash timer at one moment: hashes so far and their total seconds. */
    record HashTotals(long count, double seconds) {

        static HashTotals read(String cellUrl) throws IOException, InterruptedException {
            CellMetrics metrics = CellMetrics.read(cellUrl);
            return new HashTotals(metrics.timerCount(HASH_TIMER), metrics.value(HASH_TIMER + "_seconds_sum"));
        }

        /** Mean milliseconds of every hash so far; 0 when none. */
        double meanMs() {
            return count == 0 ? 0 : 1000 * seconds / count;
        }

        /** Mean milliseconds of the hashes since {@code earlier}; 0 when none. */
        double meanMsSince(HashTotals earlier) {
            return new HashTotals(count - earlier.count, seconds - earlier.seconds).meanMs();
        }
    }

    /** The options that shape the run. */
    record Settings(List<Double> registrationRates, List<Double> loginRates, Duration step, Duration stepWarmUp,
            Duration warmUp, double p99TargetMs, int playerLoginsPerMinute, int workers) {

        static Settings from(BenchOptions options) {
            Settings settings = new Settings(RateSteps.rates(options.string("registration-rates"),
                    "registration-rates"), RateSteps.rates(options.string("login-rates"), "login-rates"),
                    options.seconds("step-s"), options.seconds("step-warmup-s"), options.seconds("warmup-s"),
                    options.doubleValue("p99-target-ms"), options.intValue("player-logins-per-min"),
                    options.intValue("workers"));
            if (settings.step.isZero() || settings.step.isNegative() || settings.stepWarmUp.isNegative()
                    || settings.warmUp.isNegative() || !(settings.p99TargetMs > 0) || settings.workers < 1
                    || settings.playerLoginsPerMinute < 1
                    || settings.playerLoginsPerMinute > PLAYER_LOGINS_PER_MINUTE_MAX) {
                throw new IllegalArgumentException("Need step-s > 0, step-warmup-s and warmup-s >= 0, "
                        + "p99-target-ms > 0, workers >= 1 and player-logins-per-min 1-"
                        + PLAYER_LOGINS_PER_MINUTE_MAX);
            }
            return settings;
        }
    }
}
