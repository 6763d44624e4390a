package io.cellbet.ops.bench.web;

import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.localinfra.LocalInfrastructure;
import io.cellbet.ops.bench.BenchEnvironment;
import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.BenchResult;
import io.cellbet.ops.bench.JsonHttp;
import io.cellbet.ops.bench.Scenario;
import io.cellbet.ops.bench.ScenarioOption;
import io.cellbet.ops.bench.bets.MarketFeed;
import io.cellbet.ops.bench.wallet.WalletPlatform;
import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.OpsLogin;
import io.cellbet.ops.platform.RepositoryRoot;
import io.cellbet.ops.web.HeadlessChromium;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How fast a player's first visit to a live event page becomes usable, and how much it downloads: a control plane and
 * one cell, a brand with a theme, one live football event with several markets on sale, then headless Chromium with
 * its CPU slowed 4x (a mid-range phone) and a fresh profile each run (nothing cached) loads
 * {@code /app/<BRAND>/event/<eventId>}. Per run it reads, from the page's own Performance API, the time from the
 * navigation's start to the app's {@code performance.mark("cellbet-interactive")} (docs/web-app.md) and the bytes of
 * the document and every resource loaded by then. Goal of issue 7: {@code event_page_interactive_ms <= 2000}.
 */
public final class WebScenario implements Scenario {

    public static final String NAME = "web";
    /** The mark the app sets the first time an event page is interactive (docs/web-app.md). */
    public static final String INTERACTIVE_MARK = "cellbet-interactive";
    static final String DATABASE_PREFIX = "cellbet_bench_web";
    static final String CELL_ID = "web-bench-1";
    static final String BRAND = "BENCHWEB";
    static final double INTERACTIVE_GOAL_MS = 2000;
    static final Duration ON_SALE_WAIT_MAX = Duration.ofSeconds(120);
    static final Duration BRAND_WAIT_MAX = Duration.ofSeconds(60);
    static final int RUNS_MAX = 1000;
    static final double THROTTLE_MAX = 20;
    private static final long BRAND_POLL_MS = 100;
    /** Events are numbered from here on, plus a random offset: ids no earlier run on a shared broker used. */
    private static final long FIRST_EVENT = 700_000_000L;
    private static final int EVENT_OFFSET_MAX = 50_000_000;
    private static final long MARK_POLL_MS = 20;
    private static final double KIB = 1024.0;

    /**
     * Reads the mark and the bytes loaded so far, or null while the mark is not there. Transfer sizes count headers and
     * compressed bodies (what crossed the network); decoded sizes count the bodies as the browser used them.
     */
    static final String READ_LOAD = """
            const mark = performance.getEntriesByName(arguments[0])[0];
            if (!mark) return null;
            const navigation = performance.getEntriesByType('navigation')[0];
            const resources = performance.getEntriesByType('resource');
            let transfer = navigation ? navigation.transferSize : 0;
            let decoded = navigation ? navigation.decodedBodySize : 0;
            for (const resource of resources) {
              transfer += resource.transferSize;
              decoded += resource.decodedBodySize;
            }
            return { interactiveMs: mark.startTime, transferBytes: transfer, decodedBytes: decoded,
                     requests: resources.length + (navigation ? 1 : 0) };
            """;
    private static final String PAGE_STATE = "const html = document.documentElement; return 'url=' + location.href"
            + " + ', data-route=' + html.dataset.route + ', data-ready=' + html.dataset.ready"
            + " + ', title=' + document.title;";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a live event page's first load in headless Chromium (4x CPU throttling, cold cache): time to "
                + "interactive and bytes loaded";
    }

    @Override
    public List<ScenarioOption> options() {
        return List.of(
                new ScenarioOption("runs", "5", "measured page loads, each in a fresh browser profile (cold cache)"),
                new ScenarioOption("warmup-runs", "1", "unmeasured loads first, so the cell's JIT has seen the page "
                        + "(the browser's cache is cold in every run either way)"),
                new ScenarioOption("cpu-throttle", "4", "CPU slow-down factor of the page (DevTools throttling; 1: "
                        + "none)"),
                new ScenarioOption("window", "phone", "desktop (1280x900), phone (390x844) or WIDTHxHEIGHT"),
                new ScenarioOption("mark-timeout-s", "60", "how long one load may take to reach the "
                        + INTERACTIVE_MARK + " mark before the run fails"));
    }

    @Override
    public BenchResult run(BenchOptions options) throws Exception {
        Settings settings = Settings.from(options);
        if (!HeadlessChromium.available()) {
            throw new IllegalStateException("ops/bench web: " + HeadlessChromium.unavailableReason());
        }
        Path workDir = RepositoryRoot.find().resolve("target").resolve("bench-work").resolve(NAME);
        BenchResult.Builder result = BenchResult.builder(NAME);
        try (LocalInfrastructure infrastructure = LocalInfrastructure.resolve(System.getenv(),
                workDir.resolve("infrastructure"))) {
            result.context("infrastructure", infrastructure.describe())
                    .context("loadAverageAtStart", BenchEnvironment.loadAverage());
            // Feed messages an earlier run left in this cell id's queue would reach the fresh cell.
            infrastructure.broker().deleteQueuesIfPresent(Exchanges.cellFeedQueue(CELL_ID));
            log("Starting the platform (one cell, databases %s_*)...", DATABASE_PREFIX);
            try (LocalPlatform platform = WalletPlatform.start(infrastructure.postgres(), infrastructure.broker(),
                    DATABASE_PREFIX, CELL_ID, workDir, builder -> { })) {
                AppProcess cell = platform.cell(WalletPlatform.CELL);
                log("%s ready in %d ms (%s)", cell.name(), cell.startedInMs(), cell.baseUrl());
                String url = offerEventPage(platform, infrastructure.broker().url(), result);
                List<Run> runs = measure(settings, url, workDir);
                printRuns(runs);
                report(settings, runs, result);
                result.metric("cell_rss_mb", cell.rssMb());
            }
            result.context("loadAverageAtEnd", BenchEnvironment.loadAverage());
        }
        return result.build();
    }

    /** Creates the brand, puts the live event on sale and returns the URL of its page. */
    private static String offerEventPage(LocalPlatform platform, String amqpUrl, BenchResult.Builder result)
            throws Exception {
        String cellUrl = platform.cell(WalletPlatform.CELL).baseUrl();
        JsonHttp http = new JsonHttp();
        createBrand(http.withBearer(OpsLogin.token(platform)), platform.controlPlane().baseUrl(), cellUrl);
        String eventId = MarketFeed.eventIds(FIRST_EVENT + ThreadLocalRandom.current().nextInt(EVENT_OFFSET_MAX), 1)
                .get(0);
        try (MarketFeed feed = new MarketFeed(amqpUrl)) {
            feed.offerLive(eventId, fixture(), markets());
        }
        MarketFeed.awaitOnSale(http, cellUrl, List.of(eventId), ON_SALE_WAIT_MAX);
        String url = cellUrl + "/app/" + BRAND + "/event/" + eventId;
        log("Live event %s on sale with %d markets: %s", eventId, markets().size(), url);
        result.context("url", url).context("eventId", eventId).context("brand", BRAND);
        return url;
    }

    /** The bench brand: internal wallet, EUR, a theme of its own and no logo (no request leaves the machine). */
    static Map<String, Object> brandBody() {
        Map<String, Object> theme = new LinkedHashMap<>();
        theme.put("primaryColour", "#0a7d32");
        theme.put("secondaryColour", "#ffffff");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", BRAND);
        body.put("name", "Bench Web");
        body.put("domains", List.of("benchweb.example"));
        body.put("currencies", List.of("EUR"));
        body.put("defaultLocale", "en");
        body.put("products", List.of("sportsbook"));
        body.put("walletMode", "internal");
        body.put("theme", theme);
        return body;
    }

    private static void createBrand(JsonHttp ops, String controlPlaneUrl, String cellUrl)
            throws IOException, InterruptedException {
        ops.send("POST", controlPlaneUrl + "/api/brands", brandBody()).expect(201, "POST /api/brands");
        long deadline = System.nanoTime() + BRAND_WAIT_MAX.toNanos();
        while (ops.send("GET", cellUrl + "/api/config/brands/" + BRAND, null).status() != 200) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The cell did not serve brand " + BRAND + " within "
                        + BRAND_WAIT_MAX.toSeconds() + " s of its creation");
            }
            Thread.sleep(BRAND_POLL_MS);
        }
    }

    /** Two named teams in a named tournament, as the control plane's adapter reads them from the Sports API. */
    static FeedEvent.Fixture fixture() {
        return new FeedEvent.Fixture("Soccer", new FeedEvent.Ref("sr:category:1", "England"),
                new FeedEvent.Ref("sr:tournament:17", "Premier League"), List.of(
                        new FeedEvent.Competitor("sr:competitor:44", "Liverpool FC", "home"),
                        new FeedEvent.Competitor("sr:competitor:42", "Arsenal FC", "away")));
    }

    /** What a live football page typically offers: 1x2, double chance, both teams to score and two totals. */
    static List<FeedEvent.MarketOdds> markets() {
        return List.of(market(1, "", "1", "2.10", "2", "3.40", "3", "3.60"),
                market(10, "", "9", "1.30", "10", "1.33", "11", "1.75"),
                market(29, "", "74", "1.70", "76", "2.05"),
                market(18, "total=2.5", "12", "1.85", "13", "1.95"),
                market(18, "total=3.5", "12", "3.10", "13", "1.36"));
    }

    /** A market on sale; {@code outcomesAndOdds} alternates outcome id and decimal odds. */
    private static FeedEvent.MarketOdds market(int typeId, String specifiers, String... outcomesAndOdds) {
        List<FeedEvent.OutcomeOdds> outcomes = new ArrayList<>();
        for (int i = 0; i < outcomesAndOdds.length; i += 2) {
            outcomes.add(new FeedEvent.OutcomeOdds(outcomesAndOdds[i], new BigDecimal(outcomesAndOdds[i + 1]), true));
        }
        return new FeedEvent.MarketOdds(typeId, specifiers, "active", "available", null, outcomes);
    }

    /** The warm-up loads, then the measured ones, each in a browser of its own. */
    private static List<Run> measure(Settings settings, String url, Path workDir) throws InterruptedException {
        for (int i = 0; i < settings.warmUpRuns; i++) {
            Run run = load(settings, url, null);
            log("Warm-up %d: interactive after %.0f ms", i + 1, run.interactiveMs());
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < settings.runs; i++) {
            Run run = load(settings, url, i == 0 ? workDir.resolve("event-page.png") : null);
            log("Run %d: interactive after %.0f ms, %.1f KiB transferred (%.1f KiB decoded), %d requests", i + 1,
                    run.interactiveMs(), run.transferBytes() / KIB, run.decodedBytes() / KIB, run.requests());
            runs.add(run);
        }
        return runs;
    }

    /** One cold load in a fresh browser; a screenshot of the page when {@code screenshot} is set. */
    private static Run load(Settings settings, String url, Path screenshot) throws InterruptedException {
        try (HeadlessChromium chromium = HeadlessChromium.start(settings.window)) {
            if (settings.cpuThrottle > 1) {
                chromium.throttleCpu(settings.cpuThrottle);
            }
            chromium.open(url);
            Run run = awaitMark(chromium, url, settings.markTimeout);
            if (screenshot != null) {
                chromium.screenshot(screenshot);
            }
            return run;
        }
    }

    /** Polls the page until the app has set its interactive mark; fails with what the page shows after the timeout. */
    private static Run awaitMark(HeadlessChromium chromium, String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object read = chromium.script(READ_LOAD, INTERACTIVE_MARK);
            if (read instanceof Map<?, ?> values) {
                return Run.of(values);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The event page " + url + " did not set performance.mark(\""
                        + INTERACTIVE_MARK + "\") within " + timeout.toSeconds() + " s of its load. The app must "
                        + "mark it the first time an event page is interactive (docs/web-app.md). The page: "
                        + chromium.script(PAGE_STATE) + "; browser console errors: " + chromium.consoleErrors());
            }
            Thread.sleep(MARK_POLL_MS);
        }
    }

    /**
     * One measured load.
     *
     * @param interactiveMs from the navigation's start to the interactive mark
     * @param transferBytes the document and every resource loaded by then, as transferred (headers included)
     * @param decodedBytes  the same bodies decoded
     * @param requests      the document and the resources
     */
    record Run(double interactiveMs, long transferBytes, long decodedBytes, long requests) {

        static Run of(Map<?, ?> values) {
            return new Run(number(values, "interactiveMs").doubleValue(), number(values, "transferBytes").longValue(),
                    number(values, "decodedBytes").longValue(), number(values, "requests").longValue());
        }

        private static Number number(Map<?, ?> values, String key) {
            if (!(values.get(key) instanceof Number number)) {
                throw new IllegalStateException("The page's performance entries gave no number for " + key + ": "
                        + values);
            }
            return number;
        }
    }

    /**
     * The metrics of the runs: {@code event_page_interactive_ms} (median, the goal's metric), its p95 (nearest rank:
     * the slowest of fewer than 20 runs), min and max, and the median bytes of a first load in KiB.
     */
    static void report(Settings settings, List<Run> runs, BenchResult.Builder result) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("No run to report");
        }
        List<Double> interactive = runs.stream().map(Run::interactiveMs).toList();
        result.metric("event_page_interactive_ms", median(interactive))
                .target("event_page_interactive_ms", "<= " + (long) INTERACTIVE_GOAL_MS)
                .metric("event_page_interactive_p95_ms", percentile(interactive, 95))
                .metric("event_page_interactive_min_ms", interactive.stream().mapToDouble(Double::doubleValue).min()
                        .orElseThrow())
                .metric("event_page_interactive_max_ms", interactive.stream().mapToDouble(Double::doubleValue).max()
                        .orElseThrow())
                .metric("first_load_kb", median(runs.stream().map(run -> run.transferBytes() / KIB).toList()))
                .metric("first_load_decoded_kb", median(runs.stream().map(run -> run.decodedBytes() / KIB).toList()))
                .metric("first_load_requests", (long) Math.round(median(runs.stream()
                        .map(run -> (double) run.requests()).toList())))
                .metric("runs", runs.size());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Run run : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("interactiveMs", run.interactiveMs());
            row.put("transferBytes", run.transferBytes());
            row.put("decodedBytes", run.decodedBytes());
            row.put("requests", run.requests());
            rows.add(row);
        }
        result.context("loads", rows)
                .context("window", settings.window.width() + "x" + settings.window.height())
                .context("cpuThrottle", settings.cpuThrottle);
    }

    /** The middle value, or the mean of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest-rank percentile: the smallest value at least {@code percent} % of the values are at or below. */
    static double percentile(List<Double> values, double percent) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }

    private static void printRuns(List<Run> runs) {
        StringBuilder table = new StringBuilder("\n| run | interactive ms | KiB transferred | KiB decoded | requests |\n"
                + "|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            table.append(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %d |%n", i + 1, run.interactiveMs(),
                    run.transferBytes() / KIB, run.decodedBytes() / KIB, run.requests()));
        }
        System.out.println(table);
    }

    private static void log(String format, Object... args) {
        System.out.println("[web] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** The options that shape the run. */
    record Settings(int runs, int warmUpRuns, double cpuThrottle, HeadlessChromium.Window window,
            Duration markTimeout) {

        static Settings from(BenchOptions options) {
            Settings settings = new Settings(options.intValue("runs"), options.intValue("warmup-runs"),
                    options.doubleValue("cpu-throttle"), HeadlessChromium.Window.parse(options.string("window")),
                    options.seconds("mark-timeout-s"));
            if (settings.runs < 1 || settings.runs > RUNS_MAX || settings.warmUpRuns < 0
                    || settings.warmUpRuns > RUNS_MAX || !(settings.cpuThrottle >= 1)
                    || settings.cpuThrottle > THROTTLE_MAX || settings.markTimeout.isZero()
                    || settings.markTimeout.isNegative()) {
                throw new IllegalArgumentException("Need runs 1-" + RUNS_MAX + ", warmup-runs 0-" + RUNS_MAX
                        + ", cpu-throttle 1-" + (long) THROTTLE_MAX + " and mark-timeout-s > 0");
            }
            return settings;
        }
    }
}
