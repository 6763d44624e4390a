package io.cellbet.ops.bench.bets;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.localinfra.LocalInfrastructure;
import io.cellbet.ops.bench.AsyncPosts;
import io.cellbet.ops.bench.BatchStepMetrics;
import io.cellbet.ops.bench.BenchEnvironment;
import io.cellbet.ops.bench.BenchOptions;
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
import io.cellbet.ops.bench.accounts.AccountsScenario;
import io.cellbet.ops.bench.wallet.LedgerMetrics;
import io.cellbet.ops.bench.wallet.WalletPlatform;
import io.cellbet.ops.bench.wallet.WalletScenario;
import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.OpsLogin;
import io.cellbet.ops.platform.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Bet placements per second one cell holds at p99 <= 50 ms, and how long it takes to settle 100,000 bets. The ladder
 * places bets at rising fixed arrival rates (open model), the mix of {@link BetMix} (70 % singles, 25 %
 * accumulators, 5 % trixies; 10 % with a live leg) from many funded players on many events, until a step is not held.
 * The settlement places 100,000 singles on one market (a third on each outcome), publishes its result on the feed and
 * times the cell's settlement job. Markets come from normalised feed events published straight onto
 * {@code platform.feed} ({@link MarketFeed}). Goal of the issue: {@code bets_per_s >= 2500}.
 */
public final class BetsScenario implements Scenario {

    public static final String NAME = "bets";
    static final String DATABASE_PREFIX = "cellbet_bench_bets";
    static final String CELL_ID = "bets-bench-1";
    static final String LADDER = "ladder";
    static final String SETTLE = "settle";
    static final List<String> ONLY = List.of("all", LADDER, SETTLE);
    static final double BETS_PER_S_GOAL = 2500;
    /** The cell's bet writer's batch timers ({@code BetPlacement}) and their steps. */
    static final String BET_BATCH = "cellbet_sportsbook_bets_batch";
    static final String[] BET_BATCH_STEPS = {"checks", "write", "commit"};
    static final long SETTLE_GOAL_BETS = 100_000;
    /** Issue 6: 100,000 bets of one market settled within this many seconds. */
    static final long SETTLE_GOAL_S = 10;
    /**
     * Auth requests per client address per minute the bench's cell allows: every player registers and logs in from
     * this one address, so the cell's default (120) is lifted out of the way.
     */
    static final String RATE_LIMIT_PER_CLIENT = "100000000";
    /** Lifetime of the players' access tokens: longer than any run, so no bet meets an expired token. */
    static final String ACCESS_TOKEN_LIFETIME = "12h";
    /** Threads registering, logging in and funding the players: twice the password hashes the cell runs at once. */
    static final int SETUP_THREADS = 8;
    static final Duration ON_SALE_WAIT_MAX = Duration.ofSeconds(120);
    /** Events are numbered from here on, plus a random offset: ids no earlier run on a shared broker used. */
    private static final long FIRST_EVENT = 600_000_000L;
    private static final int EVENT_OFFSET_MAX = 50_000_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "bet placements/s a cell holds at p99 <= 50 ms (70% single, 25% accumulator, 5% system, 10% live), "
                + "and the time to settle 100k bets on one market";
    }

    @Override
    public List<ScenarioOption> options() {
        return List.of(
                new ScenarioOption("only", "all", "all (the ladder, then the settlement), ladder (placements at "
                        + "rising rates) or settle (place the settle bets on one market, then settle it)"),
                new ScenarioOption("rates", "25,50,100,150,200,300,400,500,750,1000,1500,2000,2500,3000",
                        "arrival rates (bets/s) of the ladder's steps, in increasing order"),
                new ScenarioOption("step-s", "20", "measured seconds per step"),
                new ScenarioOption("step-warmup-s", "3", "unmeasured seconds at the step's rate before it"),
                new ScenarioOption("warmup-s", "150", "unmeasured seconds before the first step (the cell's JIT "
                        + "compiles for about two minutes under load)"),
                new ScenarioOption("warmup-rate", "500", "bets/s of the warm-up (0: the first step's rate); a cell "
                        + "warmed up at a few bets/s has not compiled what a busy one runs"),
                new ScenarioOption("checkpoint-before-step", "true", "CHECKPOINT before each step, so that the "
                        + "server's own checkpoint falls outside it (ops/README, wallet)"),
                new ScenarioOption("p99-target-ms", "50", "p99 of the placement a rate must stay within to be held"),
                new ScenarioOption("past-p99", "false", "true: go on past the first step not held while steps have "
                        + "no errors and achieve their rate, to find the sustained rate whatever the latency "
                        + "(bets_per_s is the same either way)"),
                new ScenarioOption("workers", "256", "most placements outstanding at once (connections to the cell)"),
                new ScenarioOption("players", "1000", "players the bets come from, each registered, logged in and "
                        + "funded before the load"),
                new ScenarioOption("deposit-minor", "100000000", "what each player is funded with"),
                new ScenarioOption("events", "200", "prematch events of the ladder, one 1x2 market each"),
                new ScenarioOption("live-events", "20", "live events of the ladder (a live bet has one leg on one)"),
                new ScenarioOption("accumulator-legs-max", "4", "an accumulator has 2 to this many selections (up to "
                        + BetMix.ACCUMULATOR_LEGS_LIMIT + ")"),
                new ScenarioOption("stake-minor", "100", "stake per line"),
                new ScenarioOption("settle-bets", Long.toString(SETTLE_GOAL_BETS),
                        "singles placed on the settle market; settle_100k_s is reported at 100000"),
                new ScenarioOption("settle-clients", "64", "settle bets outstanding at once while placing them"),
                new ScenarioOption("settle-timeout-s", "1800", "how long the settlement may take"));
    }

    @Override
    public BenchResult run(BenchOptions options) throws Exception {
        Settings settings = Settings.from(options);
        Path workDir = RepositoryRoot.find().resolve("target").resolve("bench-work").resolve(NAME);
        BenchResult.Builder result = BenchResult.builder(NAME);
        try (LocalInfrastructure infrastructure = LocalInfrastructure.resolve(System.getenv(),
                workDir.resolve("infrastructure"))) {
            result.context("infrastructure", infrastructure.describe())
                    .context("postgresSettings", WalletScenario.postgresSettings(infrastructure.postgres()))
                    .context("appJavaOptions", String.join(" ", WalletPlatform.appJavaOptions()))
                    .context("loadAverageAtStart", BenchEnvironment.loadAverage());
            try (LocalPlatform platform = startPlatform(infrastructure, workDir)) {
                measure(settings, platform, infrastructure.broker().url(), result);
            }
            result.context("loadAverageAtEnd", BenchEnvironment.loadAverage());
        }
        return result.build();
    }

    /**
     * A control plane and one cell with fresh databases. The cell lets every player register and log in from the
     * bench's one address, and its access tokens outlive the run.
     */
    private static LocalPlatform startPlatform(LocalInfrastructure infrastructure, Path workDir) {
        // Feed messages an earlier run left in this cell id's queue would reach the fresh cell.
        infrastructure.broker().deleteQueuesIfPresent(Exchanges.cellFeedQueue(CELL_ID));
        log("Starting the platform (one cell, databases %s_*)...", DATABASE_PREFIX);
        return WalletPlatform.start(infrastructure.postgres(), infrastructure.broker(), DATABASE_PREFIX, CELL_ID,
                workDir, builder -> builder.environment(WalletPlatform.CELL, Map.of(
                        "CELLBET_ACCOUNTS_RATE_LIMIT_PER_CLIENT", RATE_LIMIT_PER_CLIENT,
                        "CELLBET_ACCOUNTS_TOKENS_ACCESS_LIFETIME", ACCESS_TOKEN_LIFETIME)));
    }

    /** Sets up the brand and the players, then runs the ladder and the settlement as the settings ask. */
    private static void measure(Settings settings, LocalPlatform platform, String amqpUrl,
            BenchResult.Builder result) throws Exception {
        AppProcess cell = platform.cell(WalletPlatform.CELL);
        String cellUrl = cell.baseUrl();
        log("%s ready in %d ms (%s)", cell.name(), cell.startedInMs(), cellUrl);
        result.metric("cell_start_s", cell.startedInMs() / 1000.0);
        JsonHttp http = new JsonHttp();
        JsonHttp ops = http.withBearer(OpsLogin.token(platform));
        String brand = AccountsScenario.createBrand(ops, platform.controlPlane().baseUrl(), cellUrl);
        log("Registering, logging in and funding %d players (not measured)...", settings.players);
        long setupStart = System.nanoTime();
        Bettors bettors = Bettors.open(http, ops, cellUrl, brand, settings.players, settings.depositMinor,
                SETUP_THREADS);
        log("%d players ready in %.1f s", bettors.size(), (System.nanoTime() - setupStart) / 1e9);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long firstEvent = FIRST_EVENT + ThreadLocalRandom.current().nextInt(EVENT_OFFSET_MAX);
        Supplier<CpuTimes> cpu = CpuTimes.sampler(cell.pid(), platform.postgres());
        try (MarketFeed feed = new MarketFeed(amqpUrl); AsyncPosts posts = new AsyncPosts(cellUrl, settings.workers)) {
            if (settings.runs(LADDER)) {
                BetMix mix = offerLadderMarkets(feed, http, cellUrl, firstEvent, settings);
                Checkpoints checkpoints = new Checkpoints(platform.postgres(), settings.checkpointBeforeStep);
                result.context("checkpointBeforeStep", settings.checkpointBeforeStep);
                climb(settings, bettors, mix, posts, run + "-", cpu, checkpoints, cellUrl, result);
            }
            if (settings.runs(SETTLE)) {
                String event = MarketFeed.eventIds(firstEvent + settings.events + settings.liveEvents, 1).get(0);
                settle(settings, event, new HotMarketSettlement(bettors, posts, feed, ops, cellUrl, cpu),
                        run + "-s-", result);
            }
        }
        result.metric("players", bettors.size()).metric("cell_rss_mb", cell.rssMb());
        CellMetrics metrics = CellMetrics.read(cellUrl);
        LedgerMetrics.addTo(metrics, result);
        result.metric("db_connections_renewed", (long) metrics.value("cellbet_db_connections_renewed_total"));
        BatchStepMetrics.addTo(metrics, result, BET_BATCH, "bet_batch", BET_BATCH_STEPS);
    }

    /** Puts the ladder's prematch and live events on sale and waits until the cell offers them all. */
    private static BetMix offerLadderMarkets(MarketFeed feed, JsonHttp http, String cellBaseUrl, long firstEvent,
            Settings settings) throws Exception {
        List<String> prematch = MarketFeed.eventIds(firstEvent, settings.events);
        List<String> live = MarketFeed.eventIds(firstEvent + settings.events, settings.liveEvents);
        log("Putting %d prematch and %d live events on sale...", prematch.size(), live.size());
        for (String event : prematch) {
            feed.offerPrematch(event, MarketFeed.OUTCOMES);
        }
        for (String event : live) {
            feed.offerLive(event);
        }
        List<String> all = new ArrayList<>(prematch);
        all.addAll(live);
        MarketFeed.awaitOnSale(http, cellBaseUrl, all, ON_SALE_WAIT_MAX);
        return new BetMix(prematch, live, settings.accumulatorLegsMax, settings.stakeMinor);
    }

    /**
     * Warms up (at {@code warmup-rate}), then runs the steps until one is not held, counting the cell's answers to each
     * step's measured bets. A refusal fails its request: a step with refusals is not held.
     */
    private static void climb(Settings settings, Bettors bettors, BetMix mix, AsyncPosts posts, String keyPrefix,
            Supplier<CpuTimes> cpu, Checkpoints checkpoints, String cellUrl, BenchResult.Builder result)
            throws Exception {
        double warmUpRate = settings.warmUpRate > 0 ? settings.warmUpRate : settings.rates.get(0);
        log("Ladder: warm-up %d s at %s bets/s", settings.warmUp.toSeconds(), RateSteps.rate(warmUpRate));
        Answers warmUp = new Answers();
        OpenModelLoad.builder().ratePerSecond(warmUpRate).warmUp(settings.warmUp).count(0).workers(settings.workers)
                .build().runAsync(index -> place(bettors, mix, posts, keyPrefix + "w-" + index, warmUp));
        log("Ladder: warm-up answers %s", warmUp.counts());
        RateSteps steps = new RateSteps(settings.p99TargetMs);
        List<StepFigures> figures = new ArrayList<>();
        for (int s = 0; s < settings.rates.size(); s++) {
            double rate = settings.rates.get(s);
            log("Ladder, step %d: %s bets/s for %d s...", s + 1, RateSteps.rate(rate), settings.step.toSeconds());
            OpenModelLoad load = OpenModelLoad.builder().ratePerSecond(rate).warmUp(settings.stepWarmUp)
                    .duration(settings.step).workers(settings.workers).build();
            long measuredFrom = load.warmUpCount();
            Answers measured = new Answers();
            Answers unmeasured = new Answers();
            String prefix = keyPrefix + s + "-";
            long checkpointedBefore = checkpoints.beforeStep();
            CpuTimes cpuBefore = cpu.get();
            MachineTimes.Watch machine = MachineTimes.watch();
            BatchStepMetrics.Watch batches = BatchStepMetrics.watch(cellUrl, BET_BATCH, BET_BATCH_STEPS);
            LoadResult loaded = load.runAsync(index -> place(bettors, mix, posts, prefix + index,
                    index >= measuredFrom ? measured : unmeasured));
            Optional<BatchStepMetrics.Busy> writer = batches.busy();
            StepFigures stepFigures = new StepFigures(measured, cpu.get().since(cpuBefore)
                    .msPer(load.warmUpCount() + load.measuredCount()), machine.cores(),
                    checkpoints.writtenSince(checkpointedBefore), loaded.slowestMsBySecond(), writer);
            figures.add(stepFigures);
            RateSteps.Step step = steps.add(loaded);
            log("Ladder, step %d: %s; answers %s; CPU ms per bet %s; machine's cores %s; checkpoint buffers written "
                    + "during it: %d; bet writer: %s", s + 1, step.line(), measured.counts(), stepFigures.cpuMsPerBet(),
                    stepFigures.machineCores(), stepFigures.checkpointBuffers(),
                    writer.map(BatchStepMetrics.Busy::line).orElse("no batch"));
            log("Ladder, step %d: slowest answer of each second, ms: %s", s + 1, loaded.slowestMsBySecond());
            if (settings.pastP99 ? !step.sustained() : !step.held()) {
                if (!loaded.errorSamples().isEmpty()) {
                    result.context("ladderErrorSamples", loaded.errorSamples());
                }
                break;
            }
        }
        report(result, settings, steps, figures);
    }

    /**
     * What a step measured beside its latencies: the answers to its measured bets, and the CPU milliseconds per bet
     * (its warm-up's bets included) of the cell, PostgreSQL and the load generator, what the whole machine's cores
     * did meanwhile ({@link MachineTimes#cores}), the buffers PostgreSQL's checkpointer wrote during it ({@link
     * Checkpoints}), the slowest answer asked in each of its seconds ({@link LoadResult#slowestBySecond}), and what
     * the cell's bet writer did from the step's start to its last answer ({@link BatchStepMetrics.Busy}: its
     * batches, their size and time, and how busy it was).
     */
    record StepFigures(Answers answers, Map<String, Double> cpuMsPerBet, Map<String, Double> machineCores,
            long checkpointBuffers, List<Long> slowestMsBySecond, Optional<BatchStepMetrics.Busy> betWriter) {
    }

    /** Places one bet of the mix by a random bettor; the stage fails unless the bet stands (200, 201, 202). */
    private static CompletionStage<?> place(Bettors bettors, BetMix mix, AsyncPosts posts, String key,
            Answers answers) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Bettors.Bettor bettor = bettors.get(random.nextInt(bettors.size()));
        return bettors.place(posts, bettor, mix.slip(key, random))
                .handle((answer, failure) -> Answers.orFail(answers.record(answer, failure), "bet " + key, failure));
    }

    /**
     * {@code bets_per_s}: the highest rate held (0 when the first step was not), {@code p99_ms} at that rate (at the
     * first step when none was held); the rest explains them: {@code sustained_bets_per_s} (the highest rate achieved
     * without errors whatever the latency, among the steps run), the refusals, and the CPU milliseconds per bet of
     * the cell, PostgreSQL and the load generator at the reported step ({@code cpu_ms_per_bet_*}).
     */
    static void report(BenchResult.Builder result, Settings settings, RateSteps steps, List<StepFigures> figures) {
        System.out.println();
        System.out.println("Bet placements:");
        System.out.print(steps.markdown());
        RateSteps.Step held = steps.highestHeld();
        RateSteps.Step reported = held != null ? held : steps.list().get(0);
        Answers all = new Answers();
        List<Map<String, Object>> rows = steps.asMaps();
        for (int s = 0; s < rows.size(); s++) {
            rows.get(s).put("answers", figures.get(s).answers().counts());
            rows.get(s).put("cpuMsPerBet", figures.get(s).cpuMsPerBet());
            rows.get(s).put("machineCores", figures.get(s).machineCores());
            rows.get(s).put("checkpointBuffers", figures.get(s).checkpointBuffers());
            rows.get(s).put("slowestMsBySecond", figures.get(s).slowestMsBySecond());
            Map<String, Object> row = rows.get(s);
            figures.get(s).betWriter().ifPresent(writer -> row.put("betWriter", writer.asMap()));
            all.addAll(figures.get(s).answers());
        }
        RateSteps.Step sustained = steps.highestSustained();
        result.metric("bets_per_s", held == null ? 0 : held.rate())
                .target("bets_per_s", ">= " + RateSteps.rate(BETS_PER_S_GOAL))
                .metric("p99_ms", reported.p99Ms())
                .target("p99_ms", "<= " + RateSteps.rate(settings.p99TargetMs))
                .metric("p50_ms", reported.p50Ms())
                .metric("achieved_bets_per_s", reported.achieved())
                .metric("sustained_bets_per_s", sustained == null ? 0 : sustained.rate())
                .metric("refused", all.refusals().values().stream().mapToLong(Long::longValue).sum());
        CpuTimes.addMetrics(result, "cpu_ms_per_bet_", figures.get(steps.list().indexOf(reported)).cpuMsPerBet());
        result.context("ladderSteps", rows);
        result.context("refusalsByReason", all.refusals());
        result.context("mix", Map.of("single", BetMix.SINGLE_SHARE, "accumulator", BetMix.ACCUMULATOR_SHARE,
                "system", BetMix.SYSTEM_SHARE, "live", BetMix.LIVE_SHARE,
                "system bet", BetMix.SYSTEM_NAME, "accumulatorLegs", BetMix.ACCUMULATOR_LEGS_MIN + "-"
                        + settings.accumulatorLegsMax));
        result.metric("events", settings.events).metric("live_events", settings.liveEvents);
    }

    /** Places the settle bets on one market, settles it, and reports how long each took. */
    private static void settle(Settings settings, String event, HotMarketSettlement settlement, String keyPrefix,
            BenchResult.Builder result) throws Exception {
        log("Settle: %d singles on %s, %d at once...", settings.settleBets, event, settings.settleClients);
        HotMarketSettlement.Result settled = settlement.run(event, settings.settleBets, settings.settleClients,
                settings.stakeMinor, keyPrefix, settings.settleTimeout);
        LoadResult placement = settled.placement();
        log("Settle: placed %d in %.1f s (%.0f bets/s), answers %s", settled.placed(),
                placement.elapsed().toNanos() / 1e9, placement.achievedRatePerSecond(), settled.answers().counts());
        log("Settle: job written after %.3f s, %d bets settled in %.2f s (%.0f bets/s, %d parts)",
                settled.jobWrittenS(), settled.betsSettled(), settled.settleS(), settled.settledPerSecond(),
                settled.parts());
        if (settled.placed() == SETTLE_GOAL_BETS) {
            result.metric("settle_100k_s", settled.settleS()).target("settle_100k_s", "<= " + SETTLE_GOAL_S);
        } else if (settings.settleBets == SETTLE_GOAL_BETS) {
            log("Settle: settle_100k_s not reported: the cell took %d of the %d bets", settled.placed(),
                    SETTLE_GOAL_BETS);
        }
        result.metric("settle_bets", settled.betsSettled())
                .metric("settle_s", settled.settleS())
                .metric("settle_bets_per_s", settled.settledPerSecond())
                .metric("settle_job_written_s", settled.jobWrittenS())
                .metric("settle_placed", settled.placed())
                .metric("settle_place_bets_per_s", placement.achievedRatePerSecond())
                .metric("settle_place_refused", placement.errors());
        result.context("settleAnswers", settled.answers().counts());
        Map<String, Double> placementCpu = settled.placementCpu().msPer(settled.placed());
        Map<String, Double> settlementCpu = settled.settlementCpu().msPer(settled.betsSettled());
        log("Settle: CPU ms per bet placed %s, per bet settled %s", placementCpu, settlementCpu);
        result.context("settlePlacementCpuMsPerBet", placementCpu);
        result.context("settlementCpuMsPerBet", settlementCpu);
        result.context("settleParts", settled.parts());
        if (!placement.errorSamples().isEmpty()) {
            result.context("settleErrorSamples", placement.errorSamples());
        }
        JsonNode sample = settled.sampleBet();
        if (sample != null) {
            Map<String, Object> bet = new LinkedHashMap<>();
            bet.put("status", sample.path("status").asText());
            bet.put("stakeMinor", sample.path("stakeMinor").asLong());
            bet.put("paidMinor", sample.path("paidMinor").asLong());
            result.context("settleSampleWinningBet", bet);
            log("Settle: a winning bet after settlement: %s", bet);
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[bets] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** The options that shape the run. */
    record Settings(String only, List<Double> rates, Duration step, Duration stepWarmUp, Duration warmUp,
            double warmUpRate, double p99TargetMs, boolean pastP99, boolean checkpointBeforeStep, int workers,
            int players, long depositMinor,
            int events, int liveEvents, int accumulatorLegsMax, long stakeMinor, int settleBets, int settleClients,
            Duration settleTimeout) {

        static Settings from(BenchOptions options) {
            String only = options.string("only");
            if (!ONLY.contains(only)) {
                throw new IllegalArgumentException("--only must be all, ladder or settle, was " + only);
            }
            Settings settings = new Settings(only, RateSteps.rates(options.string("rates"), "rates"),
                    options.seconds("step-s"), options.seconds("step-warmup-s"), options.seconds("warmup-s"),
                    options.doubleValue("warmup-rate"), options.doubleValue("p99-target-ms"),
                    options.booleanValue("past-p99"), options.booleanValue("checkpoint-before-step"),
                    options.intValue("workers"), options.intValue("players"),
                    options.longValue("deposit-minor"), options.intValue("events"), options.intValue("live-events"),
                    options.intValue("accumulator-legs-max"), options.longValue("stake-minor"),
                    options.intValue("settle-bets"), options.intValue("settle-clients"),
                    options.seconds("settle-timeout-s"));
            if (settings.step.isZero() || settings.step.isNegative() || settings.stepWarmUp.isNegative()
                    || settings.warmUp.isNegative() || !(settings.warmUpRate >= 0) || !(settings.p99TargetMs > 0)
                    || settings.workers < 1
                    || settings.players < 1 || settings.depositMinor < 1 || settings.liveEvents < 1
                    || settings.events < Math.max(settings.accumulatorLegsMax, BetMix.SYSTEM_SELECTIONS)
                    || settings.accumulatorLegsMax < BetMix.ACCUMULATOR_LEGS_MIN
                    || settings.accumulatorLegsMax > BetMix.ACCUMULATOR_LEGS_LIMIT || settings.stakeMinor < 1
                    || settings.settleBets < 1 || settings.settleClients < 1 || settings.settleTimeout.isZero()
                    || settings.settleTimeout.isNegative()) {
                throw new IllegalArgumentException("Need step-s > 0, warm-ups >= 0, warmup-rate >= 0, "
                        + "p99-target-ms > 0, workers, players, deposit-minor, live-events, stake-minor, settle-bets, "
                        + "settle-clients and settle-timeout-s >= 1, accumulator-legs-max "
                        + BetMix.ACCUMULATOR_LEGS_MIN + "-" + BetMix.ACCUMULATOR_LEGS_LIMIT
                        + " and events >= max(accumulator-legs-max, "
                        + BetMix.SYSTEM_SELECTIONS + ")");
            }
            return settings;
        }

        /** Whether the run has this part: {@value #LADDER} or {@value #SETTLE}. */
        boolean runs(String part) {
            return only.equals("all") || only.equals(part);
        }
    }
}
