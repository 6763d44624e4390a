package io.cellbet.ops.bench.feed;

import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.localinfra.BrokerEndpoint;
import io.cellbet.localinfra.LocalInfrastructure;
import io.cellbet.localinfra.PostgresEndpoint;
import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.BenchResult;
import io.cellbet.ops.bench.Scenario;
import io.cellbet.ops.bench.ScenarioOption;
import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.RepositoryRoot;
import io.cellbet.simulators.oddsprovider.OddsProviderSimulator;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live feed: (a) how many provider messages per second the control plane's adapter turns into applied catalog
 * changes in both cells, and (b) how many odds-change messages per second one cell pushes to 10,000 websocket
 * clients at p99 <= 150 ms from the change's {@code generatedAt} to the client, against (c) a bare Vert.x broadcast
 * server measured with the same client on the same machine: the physical limit. Targets from issue 4:
 * {@code ws_delivered_per_s >= 50000} at p99 <= 150 ms and {@code ratio_to_bare >= 0.8}.
 */
public final class FeedScenario implements Scenario {

    public static final String NAME = "feed";
    static final String DATABASE_PREFIX = "cellbet_bench_feed";
    /** The cells' ids: their own feed and config queues, never those of a sandbox or a test on the same broker. */
    static final List<String> CELL_IDS = List.of("feed-bench-1", "feed-bench-2");
    static final String PROVIDER_EXCHANGE = "unifiedfeed-bench";
    static final String PROVIDER_QUEUE = "control-plane.unifiedfeed-bench";
    static final List<String> PARTS = List.of("adapter", "cell", "bare");
    /** Delta size given to the bare server when the cell part did not run (one market, three outcomes). */
    static final int DEFAULT_MESSAGE_BYTES = 240;
    /** File descriptors kept free beside the client sockets (jars, logs, the broker and database connections). */
    static final int SPARE_FILE_DESCRIPTORS = 500;
    private static final long FAN_OUT_FIRST_EVENT = 900_000_001L;
    private static final long ADAPTER_FIRST_EVENT = 800_000_001L;
    private static final int ADAPTER_EVENTS = 100;
    private static final long POLL_MS = 100;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "feed adapter msgs/s to both cells; websocket fan-out msgs/s to 10k clients at p99 <= 150 ms, "
                + "against a bare Vert.x broadcast server";
    }

    @Override
    public List<ScenarioOption> options() {
        return List.of(
                new ScenarioOption("parts", "adapter,cell,bare", "what to measure, in this order: adapter (burst "
                        + "through the control plane to both cells), cell (fan-out from cell 1), bare (bare server)"),
                new ScenarioOption("clients", "10000", "websocket clients, all subscribed to every event"),
                new ScenarioOption("rates", "1,2,5,6,8,10,12,15",
                        "odds changes per second of the steps, increasing; delivered = rate x clients"),
                new ScenarioOption("step-seconds", "20", "measured seconds per step"),
                new ScenarioOption("step-warmup-s", "5", "unmeasured seconds at each step's rate before it"),
                new ScenarioOption("warmup-s", "30", "unmeasured seconds at the first rate before the first step"),
                new ScenarioOption("p99-target-ms", "150", "p99 a step must stay within to count as held"),
                new ScenarioOption("stop-after", "1", "steps not held in a row that end a run (1: stop at the "
                        + "first; more sees past a noisy step)"),
                new ScenarioOption("events", "10", "events the changes rotate over (one market, three outcomes)"),
                new ScenarioOption("connect-parallelism", "200", "websocket connects in flight at once"),
                new ScenarioOption("connect-timeout-s", "180", "how long connecting and subscribing all may take"),
                new ScenarioOption("client-event-loops", "2", "event loops of the load client"),
                new ScenarioOption("bare-event-loops", "auto", "event loops of the bare server (auto: one per core)"),
                new ScenarioOption("bare-native-transport", "true", "the bare server on Linux epoll (false: Java "
                        + "NIO, as Quarkus runs by default)"),
                new ScenarioOption("message-bytes", "auto", "size of the bare server's messages (auto: the size of "
                        + "the first delta the cell sent, else " + DEFAULT_MESSAGE_BYTES + ")"),
                new ScenarioOption("adapter-messages", "5000", "odds_change messages in the adapter burst"),
                new ScenarioOption("adapter-timeout-s", "300", "how long the cells may take to apply the burst"));
    }

    /** The options that shape the run. */
    record Settings(List<String> parts, int clients, List<Double> rates, Duration step, Duration stepWarmUp,
            Duration warmUp, double p99TargetMs, int stopAfter, int events, int connectParallelism,
            Duration connectTimeout,
            int clientEventLoops, int bareEventLoops, boolean bareNativeTransport, Integer messageBytes,
            int adapterMessages, Duration adapterTimeout) {

        static Settings from(BenchOptions options) {
            List<String> parts = new ArrayList<>();
            for (String part : options.string("parts").split(",")) {
                String name = part.trim();
                if (!PARTS.contains(name) || parts.contains(name)) {
                    throw new IllegalArgumentException("--parts must name adapter, cell and/or bare once each, was "
                            + options.string("parts"));
                }
                parts.add(name);
            }
            List<Double> rates = new ArrayList<>();
            for (String part : options.string("rates").split(",")) {
                double rate;
                try {
                    rate = Double.parseDouble(part.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--rates must be numbers separated by commas, was "
                            + options.string("rates"));
                }
                if (!(rate > 0) || !rates.isEmpty() && rate <= rates.get(rates.size() - 1)) {
                    throw new IllegalArgumentException("--rates must be positive and increasing, was "
                            + options.string("rates"));
                }
                rates.add(rate);
            }
            String bareLoops = options.string("bare-event-loops");
            String messageBytes = options.string("message-bytes");
            Settings settings = new Settings(List.copyOf(parts), options.intValue("clients"), List.copyOf(rates),
                    options.seconds("step-seconds"), options.seconds("step-warmup-s"), options.seconds("warmup-s"),
                    options.doubleValue("p99-target-ms"), options.intValue("stop-after"), options.intValue("events"),
                    options.intValue("connect-parallelism"), options.seconds("connect-timeout-s"),
                    options.intValue("client-event-loops"),
                    bareLoops.equals("auto") ? Runtime.getRuntime().availableProcessors()
                            : options.intValue("bare-event-loops"),
                    options.booleanValue("bare-native-transport"),
                    messageBytes.equals("auto") ? null : options.intValue("message-bytes"),
                    options.intValue("adapter-messages"), options.seconds("adapter-timeout-s"));
            if (settings.clients < 1 || settings.step.isZero() || settings.step.isNegative()
                    || settings.stepWarmUp.isNegative() || settings.warmUp.isNegative() || settings.p99TargetMs <= 0
                    || settings.stopAfter < 1 || settings.events < 1 || settings.connectParallelism < 1
                    || settings.clientEventLoops < 1
                    || settings.bareEventLoops < 1 || settings.adapterMessages < 1
                    || settings.messageBytes != null && settings.messageBytes < BareBroadcastServer.MIN_MESSAGE_BYTES) {
                throw new IllegalArgumentException("Need clients >= 1, step-seconds > 0, warm-ups >= 0, "
                        + "p99-target-ms > 0, stop-after >= 1, events >= 1, connect-parallelism >= 1, "
                        + "event loops >= 1, "
                        + "adapter-messages >= 1 and message-bytes >= " + BareBroadcastServer.MIN_MESSAGE_BYTES);
            }
            return settings;
        }

        boolean runs(String part) {
            return parts.contains(part);
        }
    }

    @Override
    public BenchResult run(BenchOptions options) throws Exception {
        Settings settings = Settings.from(options);
        requireFileDescriptors(settings.clients);
        Path root = RepositoryRoot.find();
        Path workDir = root.resolve("target").resolve("bench-work").resolve(NAME);
        BenchResult.Builder result = BenchResult.builder(NAME);
        List<FanOutSteps> allSteps = new ArrayList<>();
        FanOutSteps cellSteps = null;
        FanOutSteps bareSteps = null;
        Integer cellDeltaBytes = null;
        if (settings.runs("adapter") || settings.runs("cell")) {
            try (LocalInfrastructure infrastructure = LocalInfrastructure.resolve(System.getenv(),
                    workDir.resolve("infrastructure"))) {
                result.context("infrastructure", infrastructure.describe());
                PostgresEndpoint postgres = infrastructure.postgres();
                BrokerEndpoint broker = infrastructure.broker();
                // The provider: alive messages and recovery answers keep the control plane's producers up, so no
                // ProducerDown suspends the markets under measurement. It publishes no odds of its own.
                try (OddsProviderSimulator provider = OddsProviderSimulator.start(new OddsProviderSimulator.Settings(
                        broker.url(), PROVIDER_EXCHANGE, 0, 0, 1, 0, Duration.ofSeconds(2), Duration.ofMillis(100), 1));
                        LocalPlatform platform = startPlatform(postgres, broker, provider.httpUrl(), workDir)) {
                    AppProcess cell = platform.cell("cell-1");
                    log("Platform ready: control plane in %d ms, cells in %d and %d ms",
                            platform.controlPlane().startedInMs(), cell.startedInMs(),
                            platform.cell("cell-2").startedInMs());
                    result.metric("cell_start_s", cell.startedInMs() / 1000.0);
                    List<String> cellDatabases = List.of(platform.database("cell-1"), platform.database("cell-2"));
                    if (settings.runs("adapter")) {
                        runAdapter(settings, broker, postgres, cellDatabases, result);
                    }
                    if (settings.runs("cell")) {
                        cellSteps = new FanOutSteps("cell", settings.p99TargetMs, settings.stopAfter);
                        cellDeltaBytes = runCell(settings, broker, postgres, cellDatabases.get(0), cell, cellSteps,
                                result);
                        allSteps.add(cellSteps);
                        result.metric("cell_rss_mb", cell.rssMb());
                    }
                }
            }
        }
        if (settings.runs("bare")) {
            int messageBytes = settings.messageBytes != null ? settings.messageBytes
                    : cellDeltaBytes != null ? Math.max(cellDeltaBytes, BareBroadcastServer.MIN_MESSAGE_BYTES)
                    : DEFAULT_MESSAGE_BYTES;
            bareSteps = new FanOutSteps("bare", settings.p99TargetMs, settings.stopAfter);
            runBare(settings, messageBytes, workDir, bareSteps, result);
            allSteps.add(bareSteps);
        }
        report(settings, cellSteps, bareSteps, allSteps, result);
        return result.build();
    }

    /** Fails before anything starts when this process may not open a socket per client. */
    static void requireFileDescriptors(int clients) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
            long max = ((com.sun.management.UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount();
            if (clients + SPARE_FILE_DESCRIPTORS > max) {
                throw new IllegalArgumentException("--clients=" + clients + " needs " + (clients
                        + SPARE_FILE_DESCRIPTORS) + " open files, this process may open " + max
                        + ": raise the limit (ulimit -n) or use fewer clients");
            }
        }
    }

    private static LocalPlatform startPlatform(PostgresEndpoint postgres, BrokerEndpoint broker, String providerApi,
            Path workDir) {
        log("Starting the platform (control plane with the feed adapter, cells %s, databases %s_*)...", CELL_IDS,
                DATABASE_PREFIX);
        postgres.dropDatabaseIfExists(DATABASE_PREFIX + "_control");
        List<String> queues = new ArrayList<>(List.of(PROVIDER_QUEUE));
        for (int k = 1; k <= CELL_IDS.size(); k++) {
            postgres.dropDatabaseIfExists(DATABASE_PREFIX + "_cell_" + k);
            queues.add(Exchanges.cellConfigQueue(CELL_IDS.get(k - 1)));
            queues.add(Exchanges.cellFeedQueue(CELL_IDS.get(k - 1)));
        }
        broker.deleteQueuesIfPresent(queues.toArray(String[]::new));
        LocalPlatform.Builder builder = LocalPlatform.builder()
                .infrastructure(postgres, broker)
                .ephemeralPorts()
                .cells(CELL_IDS.size())
                .databasePrefix(DATABASE_PREFIX)
                .workDir(workDir)
                .environment(LocalPlatform.CONTROL_PLANE, Map.of(
                        "CELLBET_FEED_PROVIDER_ENABLED", "true",
                        "CELLBET_FEED_PROVIDER_EXCHANGE", PROVIDER_EXCHANGE,
                        "CELLBET_FEED_PROVIDER_QUEUE", PROVIDER_QUEUE,
                        "CELLBET_FEED_PROVIDER_API_URL", providerApi));
        for (int k = 1; k <= CELL_IDS.size(); k++) {
            builder.environment("cell-" + k, "CELLBET_CELL_ID", CELL_IDS.get(k - 1));
        }
        return builder.start();
    }

    private static void runAdapter(Settings settings, BrokerEndpoint broker, PostgresEndpoint postgres,
            List<String> cellDatabases, BenchResult.Builder result) throws Exception {
        // A small burst first: the JIT and the pools of the whole path warm up before the measured one.
        int warmUp = Math.max(1, settings.adapterMessages / 5);
        log("Adapter: warm-up burst of %d odds_change messages...", warmUp);
        AdapterBurst.run(broker.url(), PROVIDER_EXCHANGE, postgres, cellDatabases, warmUp, ADAPTER_FIRST_EVENT,
                ADAPTER_EVENTS, settings.adapterTimeout);
        log("Adapter: burst of %d odds_change messages to %s...", settings.adapterMessages, PROVIDER_EXCHANGE);
        AdapterBurst.Result burst = AdapterBurst.run(broker.url(), PROVIDER_EXCHANGE, postgres, cellDatabases,
                settings.adapterMessages, ADAPTER_FIRST_EVENT, ADAPTER_EVENTS, settings.adapterTimeout);
        log("Adapter: published in %.2f s, applied by both cells after %.2f s: %.0f msgs/s", burst.publishSeconds(),
                burst.appliedSeconds(), burst.messagesPerSecond());
        result.metric("adapter_msgs_per_s", burst.messagesPerSecond())
                .metric("adapter_messages", burst.messages())
                .metric("adapter_applied_s", burst.appliedSeconds());
    }

    /** Fan-out from cell 1; returns the size of the first delta it sent, or null when none arrived. */
    private static Integer runCell(Settings settings, BrokerEndpoint broker, PostgresEndpoint postgres,
            String cellDatabase, AppProcess cell, FanOutSteps steps, BenchResult.Builder result) throws Exception {
        List<String> events = OddsChanges.eventIds(FAN_OUT_FIRST_EVENT, settings.events);
        try (OddsChanges odds = new OddsChanges(broker.url(), events);
                FanOutClient client = new FanOutClient(settings.clientEventLoops, settings.clients)) {
            // The events exist in the cell before the clients subscribe, so each gets a snapshot, then deltas.
            long before = AdapterBurst.applied(postgres, cellDatabase);
            odds.publishOneEach();
            awaitApplied(postgres, cellDatabase, before + events.size(), Duration.ofSeconds(60));
            odds.start();
            FanOutClient.Connected connected = connect(client, "cell", cell.port(), settings, events);
            result.metric("ws_clients", connected.subscribed())
                    .metric("ws_connect_s", connected.elapsedMs() / 1000.0);
            runSteps("cell", client, connected.subscribed(), odds::rate, settings, steps);
            odds.rate(0);
            if (client.errorFrames() > 0 || client.closedByServer() > 0) {
                log("cell: %d error frames, %d sockets closed by the cell; e.g. %s", client.errorFrames(),
                        client.closedByServer(), client.errorSamples());
                result.context("cellErrorSamples", client.errorSamples());
            }
            result.metric("ws_error_frames", client.errorFrames())
                    .metric("ws_closed_by_server", client.closedByServer());
            int bytes = client.firstDeltaBytes();
            if (bytes > 0) {
                result.metric("ws_message_bytes", bytes);
            }
            return bytes > 0 ? bytes : null;
        }
    }

    private static void runBare(Settings settings, int messageBytes, Path workDir, FanOutSteps steps,
            BenchResult.Builder result) throws Exception {
        log("Bare server: %d event loops, %d-byte messages, %s", settings.bareEventLoops, messageBytes,
                settings.bareNativeTransport ? "epoll if available" : "NIO");
        try (BareServerProcess server = BareServerProcess.start(settings.bareEventLoops, messageBytes,
                settings.bareNativeTransport, List.of(),
                workDir.resolve("logs").resolve("bare-server.log"));
                FanOutClient client = new FanOutClient(settings.clientEventLoops, settings.clients)) {
            FanOutClient.Connected connected = connect(client, "bare", server.port(), settings,
                    OddsChanges.eventIds(1, settings.events));
            result.metric("bare_clients", connected.subscribed())
                    .metric("bare_message_bytes", messageBytes);
            runSteps("bare", client, connected.subscribed(), server::rate, settings, steps);
            server.rate(0);
        }
    }

    private static FanOutClient.Connected connect(FanOutClient client, String target, int port, Settings settings,
            List<String> events) throws Exception {
        log("%s: connecting %d clients to ws://127.0.0.1:%d%s (%d at a time, %s)...", target, settings.clients, port,
                BareBroadcastServer.PATH, settings.connectParallelism, client.nativeTransport() ? "epoll" : "NIO");
        FanOutClient.Connected connected = client.connect("127.0.0.1", port, BareBroadcastServer.PATH,
                settings.clients, settings.connectParallelism, subscribeFrame(events), settings.connectTimeout);
        log("%s: %d of %d connected, %d subscribed, in %.1f s%s", target, connected.connected(),
                connected.requested(), connected.subscribed(), connected.elapsedMs() / 1000.0,
                connected.failures().isEmpty() ? "" : "; failures e.g. " + connected.failures());
        if (connected.subscribed() == 0) {
            throw new IllegalStateException(target + ": no client got subscribed; failures: " + connected.failures()
                    + ", error frames: " + client.errorSamples());
        }
        return connected;
    }

    /** {@code {"op":"subscribe","events":[...]}}. */
    static String subscribeFrame(List<String> events) {
        StringBuilder out = new StringBuilder("{\"op\":\"subscribe\",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            out.append(i == 0 ? "\"" : ",\"").append(events.get(i)).append('"');
        }
        return out.append("]}").toString();
    }

    /** Something whose change rate (per second, to every client) can be set. */
    @FunctionalInterface
    interface RateControl {
        void rate(double perSecond) throws Exception;
    }

    /** Warms up at the first rate, then measures each rate until a step is not held. */
    static void runSteps(String target, FanOutClient client, int clients, RateControl control, Settings settings,
            FanOutSteps steps) throws Exception {
        log("%s: warm-up %d s at %s changes/s", target, settings.warmUp.toSeconds(), settings.rates.get(0));
        control.rate(settings.rates.get(0));
        Thread.sleep(settings.warmUp.toMillis());
        for (double rate : settings.rates) {
            control.rate(rate);
            Thread.sleep(settings.stepWarmUp.toMillis());
            client.resetWindow();
            long start = System.nanoTime();
            Thread.sleep(settings.step.toMillis());
            FanOutClient.Window window = client.takeWindow();
            double seconds = (System.nanoTime() - start) / 1e9;
            FanOutSteps.Step step = new FanOutSteps.Step(rate, clients, seconds, window.delivered(),
                    FanOutClient.ms(window.latencyMicros(), 50), FanOutClient.ms(window.latencyMicros(), 99),
                    FanOutClient.ms(window.latencyMicros(), 99.9), FanOutClient.ms(window.latencyMicros(), 100),
                    settings.p99TargetMs);
            log("%s: %s", target, step.line());
            if (!steps.add(step)) {
                break;
            }
        }
        control.rate(0);
    }

    private static void awaitApplied(PostgresEndpoint postgres, String database, long count, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (AdapterBurst.applied(postgres, database) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(database + " did not apply the first odds changes within "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_MS);
        }
    }

    /**
     * What the bare server holds on this box on a usual day (issue 4: 50,000 msgs/s at p99 96 ms, 100,000 at about
     * 125 ms). When it holds no step offering that much, the box is slower or busier than the goals assume, and the
     * ratio is reported but not judged.
     */
    static final double BARE_REFERENCE_PER_S = 50_000;

    /** The headline metrics from the steps, the step tables on stdout and the steps in the JSON. */
    static void report(Settings settings, FanOutSteps cellSteps, FanOutSteps bareSteps, List<FanOutSteps> allSteps,
            BenchResult.Builder result) {
        List<Map<String, Object>> stepRows = new ArrayList<>();
        for (FanOutSteps steps : allSteps) {
            System.out.println();
            System.out.print(steps.markdown());
            stepRows.addAll(steps.asMaps());
        }
        result.context("steps", stepRows);
        String p99Target = "<= " + format(settings.p99TargetMs);
        Double cellRate = null;
        if (cellSteps != null) {
            FanOutSteps.Step held = cellSteps.highestHeld();
            FanOutSteps.Step shown = cellSteps.reported();
            cellRate = held == null ? 0 : held.deliveredPerSecond();
            result.metric("ws_delivered_per_s", cellRate).target("ws_delivered_per_s", ">= 50000");
            if (shown != null) {
                result.metric("ws_p50_ms", shown.p50Ms()).metric("ws_p99_ms", shown.p99Ms())
                        .metric("ws_max_ms", shown.maxMs()).target("ws_p99_ms", p99Target);
            }
        }
        if (bareSteps != null) {
            FanOutSteps.Step held = bareSteps.highestHeld();
            FanOutSteps.Step shown = bareSteps.reported();
            double bareRate = held == null ? 0 : held.deliveredPerSecond();
            result.metric("bare_delivered_per_s", bareRate);
            if (shown != null) {
                result.metric("bare_p50_ms", shown.p50Ms()).metric("bare_p99_ms", shown.p99Ms())
                        .metric("bare_max_ms", shown.maxMs());
            }
            if (cellRate != null && bareRate > 0) {
                result.metric("ratio_to_bare", cellRate / bareRate);
                // By the rate offered: a step offering exactly 50,000 delivers a few messages fewer.
                if (held != null && held.offeredPerSecond() >= BARE_REFERENCE_PER_S) {
                    result.target("ratio_to_bare", ">= 0.8");
                } else {
                    // Two ladders minutes apart on a box this slow or busy say more about the box than the cell.
                    result.target("ratio_to_bare", ">= 0.8 (not judged: the bare server held no step of "
                            + (long) BARE_REFERENCE_PER_S + " msgs/s)");
                    log("the bare server held no step offering %,.0f msgs/s, what this box gives on a usual day (its"
                            + " highest held: %,.0f): the box was slower or busier than the goals assume, so"
                            + " ratio_to_bare is not judged", BARE_REFERENCE_PER_S, bareRate);
                }
            }
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void log(String format, Object... args) {
        System.out.println("[feed] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
