package io.cellbet.ops.bench.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.localinfra.LocalInfrastructure;
import io.cellbet.localinfra.PostgresEndpoint;
import io.cellbet.ops.bench.BenchEnvironment;
import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.BatchStepMetrics;
import io.cellbet.ops.bench.BenchResult;
import io.cellbet.ops.bench.CellMetrics;
import io.cellbet.ops.bench.Checkpoints;
import io.cellbet.ops.bench.CpuTimes;
import io.cellbet.ops.bench.JsonHttp;
import io.cellbet.ops.bench.LoadResult;
import io.cellbet.ops.bench.MachineTimes;
import io.cellbet.ops.bench.OpenModelLoad;
import io.cellbet.ops.bench.RateSteps;
import io.cellbet.ops.bench.Scenario;
import io.cellbet.ops.bench.ScenarioOption;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Wallet throughput: the highest rate of stake transfers a cell's ledger holds through its REST API at p99 <= 25 ms
 * without errors, against a naive ledger (one PostgreSQL transaction per transfer, run by pgbench) on the same
 * PostgreSQL. Both move money from a random player to one of a few hot house accounts.
 */
public final class WalletScenario implements Scenario {

    public static final String NAME = "wallet";
    static final String DATABASE_PREFIX = "cellbet_bench_wallet";
    static final String CELL_ID = "wallet-bench-1";
    static final String HOUSE_KIND = "stakes_held";
    static final String CLEARING_KIND = "payments_clearing";
    static final int MAX_HOUSE_ACCOUNTS = 100;
    static final String BATCHED = "batched";
    static final List<String> CLIENTS = List.of("single", BATCHED);
    /** The cell's limit on requests per {@code POST /api/wallet/transfer-batches}. */
    static final int BATCH_MAX = 1000;
    /** Threads that open and fund the accounts before the load. */
    private static final int SETUP_THREADS = 16;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "wallet stake transfers/s at p99 <= 25 ms over REST (single and batched clients), against a naive "
                + "one-transaction-per-transfer "
                + "ledger run by pgbench";
    }

    @Override
    public List<ScenarioOption> options() {
        return List.of(
                new ScenarioOption("only", "all", "all, baseline (pgbench only) or cellbet (the cell only)"),
                new ScenarioOption("players", "2000", "player cash accounts the stakes come from"),
                new ScenarioOption("houses", "10", "hot house accounts (stakes_held of brands B0..B<n-1>)"),
                new ScenarioOption("deposit-minor", "1000000", "what each player is funded with first"),
                new ScenarioOption("rates", "500,1000,1500,2000,2500,3000,3500,4000,5000,6000",
                        "arrival rates (transfers/s) of the steps, in increasing order"),
                new ScenarioOption("step-s", "20", "measured seconds per step"),
                new ScenarioOption("step-warmup-s", "2", "unmeasured seconds at the step's rate before it"),
                new ScenarioOption("warmup-s", "150", "unmeasured seconds at the first rate before each client's "
                        + "first step (the JIT and the pools settle: on two cores the cell's compiler is busy for "
                        + "about two and a half minutes)"),
                new ScenarioOption("p99-target-ms", "25", "p99 a rate must stay within to count as held"),
                new ScenarioOption("stop-at", "p99",
                        "p99: stop at the first step not held; errors: go on while steps have no errors and achieve"
                                + " their rate, to find the sustained rate whatever the latency"),
                new ScenarioOption("clients", "single,batched", "how the load reaches the wallet, each warmed up and "
                        + "measured in turn: single (one POST /api/wallet/transfers per transfer) and batched "
                        + "(requests made while others are on the wire share one POST /api/wallet/transfer-batches, "
                        + "as TigerBeetle's clients batch)"),
                new ScenarioOption("batch-senders", "4", "batched client: batches on the wire at once"),
                new ScenarioOption("batch-max", "500", "batched client: most requests per batch"),
                new ScenarioOption("workers", "512", "most transfers outstanding at once (the single client's connections)"),
                new ScenarioOption("checkpoint-before-step", "true", "CHECKPOINT before each step and pgbench run, so "
                        + "that the server's own checkpoint falls outside it (ops/README, wallet)"),
                new ScenarioOption("baseline-clients", "8,16,32", "pgbench client counts; the best tps is the baseline"),
                new ScenarioOption("baseline-s", "20", "seconds per pgbench run"),
                new ScenarioOption("baseline-jobs", "2", "pgbench threads (-j)"),
                new ScenarioOption("pgbench", "auto", "path of pgbench, or auto to look for it"));
    }

    @Override
    public BenchResult run(BenchOptions options) throws Exception {
        String only = options.string("only");
        if (!List.of("all", "baseline", "cellbet").contains(only)) {
            throw new IllegalArgumentException("--only must be all, baseline or cellbet, was " + only);
        }
        Settings settings = Settings.from(options);
        // Found before anything starts, so a missing pgbench fails in a second, not after the cell's run.
        Path pgbench = only.equals("cellbet") ? null : NaiveBaseline.findPgbench(options.string("pgbench"));

        Path root = RepositoryRoot.find();
        Path workDir = root.resolve("target").resolve("bench-work").resolve(NAME);
        BenchResult.Builder result = BenchResult.builder(NAME);
        try (LocalInfrastructure infrastructure = LocalInfrastructure.resolve(System.getenv(),
                workDir.resolve("infrastructure"))) {
            result.context("infrastructure", infrastructure.describe());
            result.context("postgresSettings", postgresSettings(infrastructure.postgres()));
            result.context("appJavaOptions", String.join(" ", WalletPlatform.appJavaOptions()));
            // Other work on the machine takes cores from PostgreSQL, the cell and the load alike: say how busy it was.
            result.context("loadAverageAtStart", BenchEnvironment.loadAverage());
            Checkpoints checkpoints = new Checkpoints(infrastructure.postgres(), settings.checkpointBeforeStep);
            result.context("checkpointBeforeStep", settings.checkpointBeforeStep);
            List<NaiveBaseline.Run> baseline = List.of();
            if (pgbench != null) {
                NaiveBaseline naive = new NaiveBaseline(infrastructure.postgres(), pgbench, workDir,
                        settings.players, settings.houses);
                baseline = runBaseline(naive, options, checkpoints);
            }
            Map<String, ClientSteps> steps = null;
            if (!only.equals("baseline")) {
                log("Starting the platform (one cell, databases %s_*)...", DATABASE_PREFIX);
                try (LocalPlatform platform = WalletPlatform.start(infrastructure.postgres(), infrastructure.broker(),
                        DATABASE_PREFIX, CELL_ID, workDir, builder -> { })) {
                    AppProcess cell = platform.cell(WalletPlatform.CELL);
                    steps = runCellbet(cell, OpsLogin.token(platform), settings, checkpoints,
                            CpuTimes.sampler(cell.pid(), infrastructure.postgres()), result);
                }
            }
            result.context("loadAverageAtEnd", BenchEnvironment.loadAverage());
            report(result, settings, baseline, steps);
        }
        return result.build();
    }

    /** The server settings that decide commit cost, so figures from different machines can be compared. */
    public static Map<String, String> postgresSettings(PostgresEndpoint postgres) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN ('server_version',"
                        + " 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections') ORDER BY name")) {
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
        }
        return settings;
    }

    private static List<NaiveBaseline.Run> runBaseline(NaiveBaseline naive, BenchOptions options,
            Checkpoints checkpoints) throws Exception {
        Duration duration = options.seconds("baseline-s");
        int jobs = options.intValue("baseline-jobs");
        log("Baseline: %s, creating the database...", naive);
        naive.createDatabase();
        List<NaiveBaseline.Run> runs = new ArrayList<>();
        for (long clients : numbers(options.string("baseline-clients"), "baseline-clients")) {
            log("Baseline: %d clients for %d s...", clients, duration.toSeconds());
            checkpoints.beforeStep();
            NaiveBaseline.Run run = naive.run((int) clients, jobs, duration);
            log("Baseline: %d clients: %.1f tps, latency average %.3f ms, %d failed", clients, run.tps(),
                    run.latencyAverageMs(), run.failed());
            runs.add(run);
        }
        return runs;
    }

    private static Map<String, ClientSteps> runCellbet(AppProcess cell, String opsToken, Settings settings,
            Checkpoints checkpoints, Supplier<CpuTimes> cpu, BenchResult.Builder result) throws Exception {
        log("%s ready in %d ms (%s)", cell.name(), cell.startedInMs(), cell.baseUrl());
        result.metric("cell_start_s", cell.startedInMs() / 1000.0);
        // The wallet's REST API is an ops API: every request carries the control plane's ops token.
        JsonHttp http = new JsonHttp().withBearer(opsToken);
        WalletRest wallet = new WalletRest(http, cell.baseUrl());
        Accounts accounts = Accounts.open(wallet, settings);
        result.metric("cell_rss_after_setup_mb", cell.rssMb());

        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, ClientSteps> stepsByClient = new LinkedHashMap<>();
        for (String client : settings.clients) {
            boolean batched = client.equals(BATCHED);
            try (AsyncTransfers single = batched ? null
                    : new AsyncTransfers(cell.baseUrl(), opsToken, settings.workers, http.mapper());
                    TransferBatcher batcher = batched
                            ? new TransferBatcher(wallet, settings.batchSenders, settings.batchMax) : null) {
                Stake stake = batcher == null ? key -> accounts.stake(single, key)
                        : key -> accounts.stake(batcher, key);
                String prefix = run + "-" + client + "-";
                stepsByClient.put(client, runSteps(client, settings, checkpoints, cpu, prefix, stake, cell.baseUrl(),
                        result));
            }
        }
        result.metric("cell_rss_mb", cell.rssMb());
        CellMetrics metrics = CellMetrics.read(cell.baseUrl());
        LedgerMetrics.addTo(metrics, result);
        result.metric("db_connections_renewed", (long) metrics.value("cellbet_db_connections_renewed_total"));

        JsonNode audit = wallet.audit();
        boolean passed = audit.path("passed").asBoolean(false);
        log("Audit after the run: %s", passed ? "passed" : "FAILED " + audit.path("findings"));
        result.metric("audit_passed", passed ? 1 : 0).target("audit_passed", ">= 1");
        result.context("auditPassed", passed);
        result.context("auditFindings", http.mapper().convertValue(audit.path("findings"), List.class));
        return stepsByClient;
    }

    /** Starts one stake transfer under a key; the stage fails unless the cell answered 201. */
    @FunctionalInterface
    interface Stake {
        CompletionStage<?> start(String key) throws Exception;
    }

    /**
     * A client's steps, and for each the CPU milliseconds per transfer (its warm-up's included) of the cell, PostgreSQL
     * and the load generator, the slowest answer asked in each of its seconds, and what the cell's ledger writers did
     * during it ({@link BatchStepMetrics.Busy}; {@code busy} summed over the writers).
     */
    record ClientSteps(RateSteps steps, List<Map<String, Double>> cpuMsPerTransfer,
            List<List<Long>> slowestMsBySecond, List<Optional<BatchStepMetrics.Busy>> ledgerWriter) {
    }

    /**
     * Warms up at the first rate (each client has its own code path to warm), then runs the steps until one is not
     * held (or not sustained).
     */
    private static ClientSteps runSteps(String client, Settings settings, Checkpoints checkpoints,
            Supplier<CpuTimes> cpu, String keyPrefix, Stake stake, String cellUrl, BenchResult.Builder result)
            throws Exception {
        Duration warmUp = settings.warmUp;
        log("%s client: warm-up %d s at %.0f/s", client, warmUp.toSeconds(), settings.rates.get(0));
        OpenModelLoad.builder().ratePerSecond(settings.rates.get(0)).warmUp(warmUp).count(0)
                .workers(settings.workers).build().runAsync(index -> stake.start(keyPrefix + "w-" + index));
        RateSteps steps = new RateSteps(settings.p99TargetMs);
        List<Long> checkpointBuffers = new ArrayList<>();
        List<Map<String, Double>> cpuMsPerTransfer = new ArrayList<>();
        List<Map<String, Double>> machineCores = new ArrayList<>();
        List<List<Long>> slowest = new ArrayList<>();
        List<Optional<BatchStepMetrics.Busy>> ledgerWriter = new ArrayList<>();
        for (int s = 0; s < settings.rates.size(); s++) {
            double rate = settings.rates.get(s);
            String prefix = keyPrefix + s + "-";
            log("%s client, step %d: %.0f transfers/s for %d s...", client, s + 1, rate, settings.step.toSeconds());
            long checkpointedBefore = checkpoints.beforeStep();
            CpuTimes cpuBefore = cpu.get();
            MachineTimes.Watch machine = MachineTimes.watch();
            OpenModelLoad stepLoad = OpenModelLoad.builder().ratePerSecond(rate).warmUp(settings.stepWarmUp)
                    .duration(settings.step).workers(settings.workers).build();
            BatchStepMetrics.Watch batches = BatchStepMetrics.watch(cellUrl, LedgerMetrics.BATCH,
                    LedgerMetrics.BATCH_STEPS);
            LoadResult load = stepLoad.runAsync(index -> stake.start(prefix + index));
            ledgerWriter.add(batches.busy());
            cpuMsPerTransfer.add(cpu.get().since(cpuBefore).msPer(stepLoad.warmUpCount() + stepLoad.measuredCount()));
            machineCores.add(machine.cores());
            slowest.add(load.slowestMsBySecond());
            RateSteps.Step step = steps.add(load);
            checkpointBuffers.add(checkpoints.writtenSince(checkpointedBefore));
            log("%s client, step %d: %s; CPU ms per transfer %s; machine's cores %s; checkpoint buffers written "
                    + "during it: %d; ledger writers: %s", client, s + 1, step.line(), cpuMsPerTransfer.get(s),
                    machineCores.get(s), checkpointBuffers.get(s),
                    ledgerWriter.get(s).map(BatchStepMetrics.Busy::line).orElse("no batch"));
            log("%s client, step %d: slowest answer of each second, ms: %s", client, s + 1, slowest.get(s));
            if (settings.stopAtErrors ? !step.sustained() : !step.held()) {
                if (!load.errorSamples().isEmpty()) {
                    result.context(client + "ErrorSamples", load.errorSamples());
                    log("Errors, e.g. %s", load.errorSamples().get(0));
                }
                break;
            }
        }
        result.context(client + "CheckpointBuffers", List.copyOf(checkpointBuffers));
        result.context(client + "MachineCores", List.copyOf(machineCores));
        return new ClientSteps(steps, cpuMsPerTransfer, slowest, ledgerWriter);
    }

    /**
     * The metrics: {@code cellbet_*} from the first client (single by default), {@code cellbet_<client>_*} from
     * any other, then the baseline and the ratio of the first client's rate to it.
     */
    private static void report(BenchResult.Builder result, Settings settings, List<NaiveBaseline.Run> baseline,
            Map<String, ClientSteps> stepsByClient) {
        NaiveBaseline.Run best = baseline.stream().max((a, b) -> Double.compare(a.tps(), b.tps())).orElse(null);
        RateSteps steps = null;
        if (stepsByClient != null) {
            for (Map.Entry<String, ClientSteps> client : stepsByClient.entrySet()) {
                String prefix = steps == null ? "cellbet_" : "cellbet_" + client.getKey() + "_";
                if (steps == null) {
                    steps = client.getValue().steps();
                }
                reportSteps(result, settings, client.getKey(), client.getValue(), prefix);
            }
        }
        if (best != null) {
            System.out.println();
            System.out.print(baselineMarkdown(baseline));
            result.metric("baseline_tps", best.tps())
                    .metric("baseline_latency_avg_ms", best.latencyAverageMs())
                    .metric("baseline_clients", best.clients());
            List<Map<String, Object>> runs = new ArrayList<>();
            for (NaiveBaseline.Run run : baseline) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("clients", run.clients());
                row.put("tps", run.tps());
                row.put("latencyAverageMs", run.latencyAverageMs());
                row.put("transactions", run.transactions());
                row.put("failed", run.failed());
                runs.add(row);
            }
            result.context("baselineRuns", runs);
        }
        if (steps != null && best != null && best.tps() > 0) {
            RateSteps.Step held = steps.highestHeld();
            double ratio = (held == null ? 0 : held.rate()) / best.tps();
            result.metric("ratio", ratio);
            System.out.printf(Locale.ROOT, "%nCellbet %.0f transfers/s at p99 <= %s ms vs naive %.1f tps: ratio %.2f%n",
                    held == null ? 0 : held.rate(), settings.p99TargetMs, best.tps(), ratio);
        }
        result.metric("players", settings.players).metric("house_accounts", settings.houses);
    }

    private static void reportSteps(BenchResult.Builder result, Settings settings, String client,
            ClientSteps clientSteps, String prefix) {
        RateSteps steps = clientSteps.steps();
        System.out.println();
        System.out.println("Cellbet, " + client + " client:");
        System.out.print(steps.markdown());
        RateSteps.Step held = steps.highestHeld();
        result.metric(prefix + "tps", held == null ? 0 : held.rate())
                .metric(prefix + "p99_ms", held == null ? steps.list().get(0).p99Ms() : held.p99Ms())
                .target(prefix + "p99_ms", "<= " + settings.p99TargetMs);
        if (held != null) {
            result.metric(prefix + "achieved_tps", held.achieved()).metric(prefix + "p50_ms", held.p50Ms());
        }
        RateSteps.Step sustained = steps.highestSustained();
        result.metric(prefix + "sustained_tps", sustained == null ? 0 : sustained.rate());
        List<Map<String, Object>> rows = steps.asMaps();
        for (int s = 0; s < rows.size(); s++) {
            rows.get(s).put("cpuMsPerTransfer", clientSteps.cpuMsPerTransfer().get(s));
            rows.get(s).put("slowestMsBySecond", clientSteps.slowestMsBySecond().get(s));
            Map<String, Object> row = rows.get(s);
            clientSteps.ledgerWriter().get(s).ifPresent(writer -> row.put("ledgerWriter", writer.asMap()));
        }
        RateSteps.Step reported = held != null ? held : steps.list().get(0);
        CpuTimes.addMetrics(result, prefix + "cpu_ms_per_transfer_",
                clientSteps.cpuMsPerTransfer().get(steps.list().indexOf(reported)));
        result.context(client + "Steps", rows);
    }

    static String baselineMarkdown(List<NaiveBaseline.Run> runs) {
        StringBuilder out = new StringBuilder("| pgbench clients | tps | latency avg ms | transactions | failed |\n"
                + "|---:|---:|---:|---:|---:|\n");
        for (NaiveBaseline.Run run : runs) {
            out.append(String.format(Locale.ROOT, "| %d | %.1f | %.3f | %d | %d |%n", run.clients(), run.tps(),
                    run.latencyAverageMs(), run.transactions(), run.failed()));
        }
        return out.toString();
    }

    /** Parses {@code 8,16,32}. */
    static List<Long> numbers(String list, String option) {
        List<Long> numbers = new ArrayList<>();
        for (String part : list.split(",")) {
            try {
                long value = Long.parseLong(part.trim());
                if (value < 1) {
                    throw new NumberFormatException();
                }
                numbers.add(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + option + " must be positive whole numbers separated by "
                        + "commas, was " + list);
            }
        }
        return numbers;
    }

    private static void log(String format, Object... args) {
        System.out.println("[wallet] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** The options that shape the run. */
    record Settings(int players, int houses, long depositMinor, List<Double> rates, Duration step,
            Duration stepWarmUp, Duration warmUp, double p99TargetMs, int workers, boolean stopAtErrors,
            List<String> clients, int batchSenders, int batchMax, boolean checkpointBeforeStep) {

        private static List<String> clients(BenchOptions options) {
            List<String> clients = new ArrayList<>();
            for (String part : options.string("clients").split(",")) {
                String client = part.trim();
                if (!CLIENTS.contains(client) || clients.contains(client)) {
                    throw new IllegalArgumentException("--clients must name batched and/or single once each, was "
                            + options.string("clients"));
                }
                clients.add(client);
            }
            return List.copyOf(clients);
        }

        private static boolean stopAtErrors(BenchOptions options) {
            String stopAt = options.string("stop-at");
            if (!stopAt.equals("p99") && !stopAt.equals("errors")) {
                throw new IllegalArgumentException("--stop-at must be p99 or errors, was " + stopAt);
            }
            return stopAt.equals("errors");
        }

        static Settings from(BenchOptions options) {
            Settings settings = new Settings(options.intValue("players"), options.intValue("houses"),
                    options.longValue("deposit-minor"), RateSteps.rates(options.string("rates"), "rates"),
                    options.seconds("step-s"),
                    options.seconds("step-warmup-s"), options.seconds("warmup-s"),
                    options.doubleValue("p99-target-ms"), options.intValue("workers"), stopAtErrors(options),
                    clients(options), options.intValue("batch-senders"), options.intValue("batch-max"),
                    options.booleanValue("checkpoint-before-step"));
            if (settings.players < 1 || settings.houses < 1 || settings.houses > MAX_HOUSE_ACCOUNTS
                    || settings.depositMinor < 1 || settings.step.isZero() || settings.workers < 1
                    || settings.batchSenders < 1 || settings.batchMax < 1 || settings.batchMax > BATCH_MAX) {
                throw new IllegalArgumentException("Need players >= 1, houses 1-" + MAX_HOUSE_ACCOUNTS
                        + ", deposit-minor >= 1, step-s > 0, workers >= 1, batch-senders >= 1 and batch-max 1-"
                        + BATCH_MAX);
            }
            return settings;
        }
    }

    /** The accounts of the run: each player's cash account and the house account its stakes go to. */
    static final class Accounts {

        private final long[] playerIds;
        private final long[] houseOfPlayer;

        private Accounts(long[] playerIds, long[] houseOfPlayer) {
            this.playerIds = playerIds;
            this.houseOfPlayer = houseOfPlayer;
        }

        /**
         * Opens the house accounts of brands {@code B0..B<houses-1>} and the players (player {@code i} in brand
         * {@code B<i % houses>}), and funds each player by a deposit from its brand's payments clearing account.
         */
        static Accounts open(WalletRest wallet, Settings settings) throws Exception {
            long[] stakesHeld = new long[settings.houses];
            long[] clearing = new long[settings.houses];
            for (int b = 0; b < settings.houses; b++) {
                stakesHeld[b] = wallet.openHouseAccount(brand(b), HOUSE_KIND);
                clearing[b] = wallet.openHouseAccount(brand(b), CLEARING_KIND);
            }
            log("Opening and funding %d players...", settings.players);
            long[] playerIds = new long[settings.players];
            long[] houseOfPlayer = new long[settings.players];
            ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
            try {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (int p = 0; p < settings.players; p++) {
                    int player = p;
                    tasks.add(() -> {
                        int b = player % settings.houses;
                        long id = wallet.openPlayerAccount(brand(b), "p-" + player, "cash");
                        wallet.transferOrFail(new WalletRest.TransferBody("deposit-" + id, List.of(
                                new WalletRest.Leg(clearing[b], id, settings.depositMinor, WalletRest.CURRENCY,
                                        "deposit", "bench-funding"))));
                        playerIds[player] = id;
                        houseOfPlayer[player] = stakesHeld[b];
                        return null;
                    });
                }
                for (Future<Void> done : pool.invokeAll(tasks)) {
                    done.get();
                }
            } finally {
                pool.shutdownNow();
            }
            return new Accounts(playerIds, houseOfPlayer);
        }

        /** One stake posted alone ({@code POST /api/wallet/transfers}); 201 or fails. */
        CompletionStage<?> stake(AsyncTransfers single, String key) throws IOException {
            return single.postExpectingCreated(stakeBody(key));
        }

        /** One stake through the batching client; 201 or fails. */
        CompletionStage<?> stake(TransferBatcher batcher, String key) {
            return batcher.submit(stakeBody(key)).orTimeout(JsonHttp.DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(status -> {
                        if (status != 201) {
                            throw new IllegalStateException(
                                    "transfer " + key + " answered " + status + " in its batch (expected 201)");
                        }
                        return status;
                    });
        }

        /** A stake of 1 to a few minor units from a random player to its brand's house account. */
        private WalletRest.TransferBody stakeBody(String key) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int player = random.nextInt(playerIds.length);
            long amount = 1 + random.nextInt(NaiveBaseline.STAKE_MAX_MINOR);
            return new WalletRest.TransferBody(key, List.of(new WalletRest.Leg(playerIds[player],
                    houseOfPlayer[player], amount, WalletRest.CURRENCY, "stake", "bench")));
        }

        static String brand(int index) {
            return "B" + index;
        }
    }
}
