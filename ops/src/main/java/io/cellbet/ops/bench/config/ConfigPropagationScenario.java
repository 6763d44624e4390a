package io.cellbet.ops.bench.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.BenchResult;
import io.cellbet.ops.bench.JsonHttp;
import io.cellbet.ops.bench.LoadResult;
import io.cellbet.ops.bench.OpenModelLoad;
import io.cellbet.ops.bench.Scenario;
import io.cellbet.ops.bench.ScenarioOption;
import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.OpsLogin;
import io.cellbet.ops.platform.Ports;
import io.cellbet.ops.platform.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Config propagation: brand changes are made on the control plane at a fixed rate, and for every config version
 * each cell applied, latency = the cell's {@code appliedAt} - the control plane's {@code committedAt}. Also measures
 * a cell's start time and idle memory. Target from the issue: p99 propagation <= 500 ms.
 */
public final class ConfigPropagationScenario implements Scenario {

    public static final String NAME = "config";
    /** Largest page the cells' {@code /api/config/applied} serves. */
    static final int APPLIED_PAGE_LIMIT = 1000;
    static final int MAX_BRANDS = 26;
    static final String DATABASE_PREFIX = "cellbet_bench";
    private static final long CONVERGENCE_POLL_MS = 50;
    private static final int SIGNIFICANT_DIGITS = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "config change propagation control plane -> cells (p99 target <= 500 ms), cell start time and RSS";
    }

    @Override
    public List<ScenarioOption> options() {
        return List.of(
                new ScenarioOption("changes", "1000", "measured brand changes"),
                new ScenarioOption("rate", "50", "brand changes per second (open model)"),
                new ScenarioOption("warmup", "1500", "brand changes before the measured ones, left out of every figure"),
                new ScenarioOption("brands", "1", "brands the changes rotate over, 1-" + MAX_BRANDS),
                new ScenarioOption("cells", "2", "number of cells"),
                new ScenarioOption("workers", "16", "threads sending the changes"),
                new ScenarioOption("ports", "auto",
                        "fixed (8080-8082), ephemeral, or auto: fixed unless one of them is taken"),
                new ScenarioOption("idle-s", "5", "seconds cell-1 idles after start before its RSS is read"),
                new ScenarioOption("converge-timeout-s", "120", "how long cells may take to catch up at the end"));
    }

    @Override
    public BenchResult run(BenchOptions options) throws Exception {
        long changes = options.longValue("changes");
        double rate = options.doubleValue("rate");
        long warmUp = options.longValue("warmup");
        int brandCount = options.intValue("brands");
        int cellCount = options.intValue("cells");
        int workers = options.intValue("workers");
        Duration idle = options.seconds("idle-s");
        Duration convergeTimeout = options.seconds("converge-timeout-s");
        if (changes < 1 || brandCount < 1 || brandCount > MAX_BRANDS || warmUp < 0) {
            throw new IllegalArgumentException("Need changes >= 1, warmup >= 0 and brands 1-" + MAX_BRANDS);
        }

        Path root = RepositoryRoot.find();
        LocalPlatform.Builder builder = LocalPlatform.builder()
                .repositoryRoot(root)
                .workDir(root.resolve("target").resolve("bench-work").resolve(NAME))
                .cells(cellCount)
                .databasePrefix(DATABASE_PREFIX)
                .freshDatabases(true);
        boolean ephemeral = usePorts(options.string("ports"), cellCount);
        if (ephemeral) {
            builder.ephemeralPorts();
        }
        BenchResult.Builder result = BenchResult.builder(NAME);
        log("Starting the platform (%s ports)...", ephemeral ? "ephemeral" : "fixed");
        try (LocalPlatform platform = builder.start()) {
            result.context("infrastructure", platform.describeInfrastructure());
            result.context("portMode", ephemeral ? "ephemeral" : "fixed");
            AppProcess cell = platform.cells().get(0);
            result.metric("cell_start_s", cell.startedInMs() / 1000.0);
            result.metric("control_plane_start_s", platform.controlPlane().startedInMs() / 1000.0);
            log("Ready: control plane in %d ms, %s in %d ms; idling %d s", platform.controlPlane().startedInMs(),
                    cell.name(), cell.startedInMs(), idle.toSeconds());
            Thread.sleep(idle.toMillis());
            result.metric("cell_idle_rss_mb", cell.rssMb());
            result.metric("control_plane_idle_rss_mb", platform.controlPlane().rssMb());

            JsonHttp http = new JsonHttp();
            // Brand changes are console changes: they carry an ops token.
            BrandChanges brands = new BrandChanges(http.withBearer(OpsLogin.token(platform)),
                    platform.controlPlane().baseUrl(), brandCount);
            brands.createAll();
            if (warmUp > 0) {
                log("Warm-up: %d changes at %s/s", warmUp, rate);
                OpenModelLoad.builder().ratePerSecond(rate).count(warmUp).workers(workers).build()
                        .run(index -> brands.change());
            }
            long baseline = awaitConvergence(http, platform, convergeTimeout);

            log("Measuring: %d changes at %s/s after config version %d", changes, rate, baseline);
            LoadResult load = OpenModelLoad.builder().ratePerSecond(rate).count(changes).workers(workers).build()
                    .run(index -> brands.change());
            long loadEndNanos = System.nanoTime();
            long finalVersion = awaitConvergence(http, platform, convergeTimeout);
            long convergedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadEndNanos);
            log("All cells at config version %d, %d ms after the last change returned", finalVersion,
                    convergedAfterMs);

            Propagation propagation = new Propagation();
            // Everything before the measured changes (creates and warm-up), reported apart: the
            // figures of apps that have just started, with the JIT still compiling.
            Propagation cold = new Propagation();
            for (AppProcess each : platform.cells()) {
                propagation.collect(http, each.baseUrl(), baseline, Long.MAX_VALUE);
                cold.collect(http, each.baseUrl(), 0, baseline);
            }
            Histogram latency = propagation.latencyMicros;
            result.metric("changes", changes)
                    .metric("propagation_p50_ms", latency.getValueAtPercentile(50) / 1000.0)
                    .metric("propagation_p99_ms", latency.getValueAtPercentile(99) / 1000.0)
                    .metric("propagation_p999_ms", latency.getValueAtPercentile(99.9) / 1000.0)
                    .metric("propagation_max_ms", latency.getMaxValue() / 1000.0)
                    .metric("propagation_samples", latency.getTotalCount())
                    .metric("propagation_negative_samples", propagation.negative)
                    .metric("converged_after_load_ms", convergedAfterMs)
                    .metric("config_versions", finalVersion - baseline)
                    .target("propagation_p99_ms", "<= 500");
            if (cold.latencyMicros.getTotalCount() > 0) {
                result.metric("cold_propagation_p50_ms", cold.latencyMicros.getValueAtPercentile(50) / 1000.0)
                        .metric("cold_propagation_p99_ms", cold.latencyMicros.getValueAtPercentile(99) / 1000.0)
                        .metric("cold_propagation_max_ms", cold.latencyMicros.getMaxValue() / 1000.0)
                        .metric("cold_propagation_samples", cold.latencyMicros.getTotalCount());
            }
            load.addTo(result, "request");
            if (!load.errorSamples().isEmpty()) {
                result.context("requestErrorSamples", load.errorSamples());
            }
            return result.build();
        }
    }

    /** Whether to use ephemeral ports for the {@code --ports} option. */
    static boolean usePorts(String mode, int cellCount) {
        switch (mode) {
            case "fixed":
                return false;
            case "ephemeral":
                return true;
            case "auto":
                for (int port = LocalPlatform.DEFAULT_CONTROL_PLANE_PORT;
                        port < LocalPlatform.DEFAULT_FIRST_CELL_PORT + cellCount; port++) {
                    if (!Ports.isFree(port)) {
                        return true;
                    }
                }
                return false;
            default:
                throw new IllegalArgumentException("--ports must be auto, fixed or ephemeral, was " + mode);
        }
    }

    /** Waits until every cell has applied the control plane's current config version, and returns that version. */
    private static long awaitConvergence(JsonHttp http, LocalPlatform platform, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> versions = new LinkedHashMap<>();
        while (true) {
            long target = version(http, platform.controlPlane());
            versions.clear();
            versions.put(LocalPlatform.CONTROL_PLANE, target);
            boolean converged = true;
            for (AppProcess cell : platform.cells()) {
                long applied = version(http, cell);
                versions.put(cell.name(), applied);
                converged &= applied == target;
            }
            if (converged) {
                return target;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Cells did not catch up with the control plane within "
                        + timeout.toSeconds() + " s: config versions " + versions);
            }
            Thread.sleep(CONVERGENCE_POLL_MS);
        }
    }

    private static long version(JsonHttp http, AppProcess app) throws IOException, InterruptedException {
        return http.get(app.baseUrl() + "/api/config/version").path("version").asLong();
    }

    private static void log(String format, Object... args) {
        System.out.println("[config] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /**
     * Creates the bench brands ({@code BENCHA}, {@code BENCHB}, ...; EUR, internal wallet) and changes them in turn,
     * each change with a new name and primary colour. Other scenarios use it to create the brands they need.
     */
    public static final class BrandChanges {

        private final JsonHttp http;
        private final String controlPlaneUrl;
        private final int brandCount;
        private final AtomicLong sequence = new AtomicLong();

        public BrandChanges(JsonHttp http, String controlPlaneUrl, int brandCount) {
            this.http = http;
            this.controlPlaneUrl = controlPlaneUrl;
            this.brandCount = brandCount;
        }

        /** Creates each brand, or updates it if it exists already. */
        public void createAll() throws IOException, InterruptedException {
            for (int b = 0; b < brandCount; b++) {
                String code = code(b);
                JsonHttp.Response created = http.send("POST", controlPlaneUrl + "/api/brands", body(code, 0));
                if (created.status() == 409) {
                    http.send("PUT", controlPlaneUrl + "/api/brands/" + code, body(code, 0))
                            .expect(200, "PUT /api/brands/" + code);
                } else {
                    created.expect(201, "POST /api/brands");
                }
            }
        }

        /** One config change: the next brand in turn gets a new name and colour. */
        void change() throws IOException, InterruptedException {
            long n = sequence.incrementAndGet();
            String code = code((int) (n % brandCount));
            http.send("PUT", controlPlaneUrl + "/api/brands/" + code, body(code, n))
                    .expect(200, "PUT /api/brands/" + code);
        }

        public static String code(int index) {
            return "BENCH" + (char) ('A' + index);
        }

        static Map<String, Object> body(String code, long revision) {
            String domain = code.toLowerCase(Locale.ROOT) + ".example";
            Map<String, Object> theme = new LinkedHashMap<>();
            // Multiplying by a large odd constant spreads consecutive revisions over the colour space.
            theme.put("primaryColour", String.format(Locale.ROOT, "#%06x", (revision * 2654435761L) & 0xFFFFFF));
            theme.put("secondaryColour", "#ffffff");
            theme.put("logoUrl", "https://" + domain + "/logo.svg");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", code);
            body.put("name", "Bench brand " + code + " revision " + revision);
            body.put("domains", List.of(domain));
            body.put("currencies", List.of("EUR"));
            body.put("defaultLocale", "en");
            body.put("products", List.of("sportsbook", "casino"));
            body.put("walletMode", "internal");
            body.put("theme", theme);
            return body;
        }
    }

    /** Latency from commit on the control plane to application on a cell, for every version after a baseline. */
    static final class Propagation {

        final Histogram latencyMicros = new Histogram(SIGNIFICANT_DIGITS);
        long negative;

        /** Pages through a cell's applied config versions in (afterVersion, throughVersion], recording each. */
        void collect(JsonHttp http, String cellBaseUrl, long afterVersion, long throughVersion)
                throws IOException, InterruptedException {
            long after = afterVersion;
            while (true) {
                JsonNode page = http.get(cellBaseUrl + "/api/config/applied?afterVersion=" + after + "&limit="
                        + APPLIED_PAGE_LIMIT);
                JsonNode items = page.path("items");
                for (JsonNode item : items) {
                    long version = item.path("version").asLong();
                    if (version <= after) {
                        throw new IllegalStateException(cellBaseUrl + " returned version " + version
                                + " in a page after " + after + ": pages must be in version order");
                    }
                    after = version;
                    if (version > throughVersion) {
                        return;
                    }
                    record(Instant.parse(item.path("committedAt").asText()),
                            Instant.parse(item.path("appliedAt").asText()));
                }
                if (items.size() < APPLIED_PAGE_LIMIT) {
                    return;
                }
            }
        }

        void record(Instant committedAt, Instant appliedAt) {
            long micros = Duration.between(committedAt, appliedAt).toNanos() / 1000;
            if (micros < 0) {
                // Both clocks are this machine's, so this means the app stamps times oddly; count it, keep going.
                negative++;
                micros = 0;
            }
            latencyMicros.recordValue(micros);
        }
    }
}
