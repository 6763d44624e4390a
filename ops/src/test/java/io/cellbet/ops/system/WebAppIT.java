package io.cellbet.ops.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cellbet.feed.api.uof.FeedMessage;
import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.OpsLogin;
import io.cellbet.ops.web.HeadlessChromium;
import io.cellbet.simulators.oddsprovider.OddsProviderSimulator;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;

/**
 * The player web app in a real browser against a real platform: headless Chromium (desktop window) on a cell whose
 * odds come from the provider simulator through the control plane's adapter. One player's journey in order: sign up,
 * log out, log in, funded; odds moving live on an event page; a live accumulator pending through the live delay,
 * placed, settled by the feed and paid; a deposit limit and a self-exclusion that refuses the next bet; the odds
 * websocket dropping and coming back; then the app embedded in a brand's page through a launch token. It uses only
 * the {@code data-test} hooks of docs/web-app.md, and ends with no browser console error. Screenshots of the main
 * pages go to {@code target/web-screenshots/}. Skipped only when Chromium or chromedriver is not installed
 * ({@code .ci/run} installs them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A live bet waits the football live delay (5 s) before the cell accepts it; the socket then tells the app. */
    private static final Duration LIVE_DELAY_AND_MORE = Duration.ofSeconds(45);
    private static final String BRAND = "WEBIT";
    private static final String CELL = "cell-1";
    private static final String PASSWORD = "Correct-Horse-42";
    private static final Path SCREENSHOTS = Path.of("target", "web-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Random RANDOM = new Random();
    private static final AtomicLong FEED_CLOCK = new AtomicLong();

    private static LocalPlatform platform;
    private static OddsProviderSimulator provider;
    private static HeadlessChromium chromium;
    private static CuttableProxy proxy;
    private static HttpServer brandSite;
    private static volatile String brandSitePage = "<!doctype html><title>brand</title>";
    private static String ops;
    private static String app;
    private static String email;
    private static String eventOne;
    private static String eventTwo;
    /** Console errors the test caused on purpose, by their index in {@link HeadlessChromium#consoleErrors()}. */
    private static final Map<Integer, String> EXPECTED_ERRORS = new LinkedHashMap<>();

    /** On a failed step: a screenshot and where the page was, to see what the browser saw. */
    @RegisterExtension
    static final TestWatcher FAILURE_SCREENSHOT = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (chromium != null) {
                try {
                    chromium.driver().switchTo().defaultContent();
                    chromium.screenshot(SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName()
                            + ".png"));
                    System.err.println("Page at the failure: " + chromium.script("return location.href + ' route='"
                            + " + document.documentElement.dataset.route + ' ready='"
                            + " + document.documentElement.dataset.ready;"));
                    System.err.println("Console errors so far: " + chromium.consoleErrors());
                } catch (RuntimeException e) {
                    System.err.println("No screenshot of the failure: " + e);
                }
            }
        }
    };

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(HeadlessChromium.available(), "WebAppIT skipped: " + HeadlessChromium.unavailableReason());
        // Screenshots of an earlier run (a failure's above all) would pass for this run's.
        if (Files.isDirectory(SCREENSHOTS)) {
            try (Stream<Path> old = Files.list(SCREENSHOTS)) {
                for (Path png : old.filter(path -> path.toString().endsWith(".png")).toList()) {
                    Files.delete(png);
                }
            }
        }
        String exchange = "unifiedfeed-webit-" + Integer.toHexString(RANDOM.nextInt());
        int providerPort = SimulatorScript.freePort();
        brandSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        brandSite.createContext("/", http -> {
            byte[] body = brandSitePage.getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            http.sendResponseHeaders(200, body.length);
            http.getResponseBody().write(body);
            http.close();
        });
        brandSite.start();
        platform = LocalPlatform.builder()
                .infrastructure(TestInfrastructure.postgres(), TestInfrastructure.broker())
                .ephemeralPorts()
                .cells(1)
                .databasePrefix("cellbet_web_it")
                .freshDatabases(true)
                .workDir(Path.of("target", "web-it"))
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_ENABLED", "true")
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_EXCHANGE", exchange)
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_QUEUE", "control-plane." + exchange)
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_API_URL",
                        "http://127.0.0.1:" + providerPort)
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_ACCESS_TOKEN", "web-it")
                .start();
        // After the control plane, so its queue is bound before the first message; no odds of its own: the test
        // scripts what it needs, the provider only says it is alive.
        provider = OddsProviderSimulator.start(OddsProviderSimulator.Settings.defaults(
                TestInfrastructure.broker().url()).withExchange(exchange).withHttpPort(providerPort).withEvents(1)
                .withOddsChangesPerSecond(0).withAliveInterval(Duration.ofMillis(500)));
        ops = "Bearer " + OpsLogin.token(platform);
        // The browser reaches the cell only through the proxy, so the test can drop its connections.
        proxy = CuttableProxy.start(platform.cell(CELL).port());
        app = proxy.baseUrl() + "/app/" + BRAND + "/";
        chromium = HeadlessChromium.start(HeadlessChromium.Window.DESKTOP,
                Path.of("target", "web-it", "logs", "chromedriver.log"));
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (brandSite != null) {
            brandSite.stop(0);
        }
    }

    /** a. and b.: the brand, two live events, and a player who signs up, logs out, logs in and is funded. */
    @Test
    @Order(1)
    void aPlayerSignsUpLogsOutLogsInAndSeesTheDeposit() {
        given().header("Authorization", ops).contentType(ContentType.JSON).body("""
                {"code":"%s","name":"Web IT Bet","domains":["webit.example"],"currencies":["EUR"],
                 "defaultLocale":"en","products":["sportsbook"],"walletMode":"internal",
                 "theme":{"primaryColour":"#7a1fa2","secondaryColour":"#fff8e1"},
                 "embedding":{"secretRef":"%s","allowedOrigins":["http://127.0.0.1:%d"]}}"""
                .formatted(BRAND, LocalPlatform.LAUNCH_SECRET_REF, brandSite.getAddress().getPort()))
                .post(platform.controlPlane().uri("/api/brands")).then().statusCode(201);
        AppProcess cell = platform.cell(CELL);
        await().atMost(WAIT).until(() -> given().get(cell.uri("/api/config/brands/" + BRAND)).statusCode() == 200);

        eventOne = newEvent();
        eventTwo = newEvent();
        for (String event : List.of(eventOne, eventTwo)) {
            script(fixture(event), liveOdds(event, oneXTwo("2.05", "3.40", "4.10"), totals("1.85", "1.95")));
        }
        for (String event : List.of(eventOne, eventTwo)) {
            await().atMost(WAIT).until(() -> "active".equals(given().get(cell.uri("/api/sportsbook/events/" + event))
                    .jsonPath().getString("markets.find { it.typeId == 18 }.status")));
        }

        chromium.open(app);
        chromium.waitForReady("home", WAIT);
        chromium.screenshot(SCREENSHOTS.resolve("home.png"));

        chromium.click("[data-test=nav-signup]", WAIT);
        chromium.waitForReady("signup", WAIT);
        email = "web-" + Integer.toHexString(RANDOM.nextInt()) + "@example.com";
        String signup = "form[data-test=signup]";
        chromium.setField(signup, "email", email);
        chromium.setField(signup, "username", "web" + Integer.toHexString(RANDOM.nextInt()));
        chromium.setField(signup, "password", PASSWORD);
        chromium.setField(signup, "dateOfBirth", "1990-04-23");
        chromium.setField(signup, "country", "GB");
        chromium.setField(signup, "currency", "EUR");
        chromium.screenshot(SCREENSHOTS.resolve("signup.png"));
        chromium.submit(signup);
        chromium.awaitElement("[data-test=logout]", WAIT);
        chromium.waitForReady("home", WAIT);

        chromium.click("[data-test=logout]", WAIT);
        chromium.awaitElement("[data-test=nav-login]", WAIT);
        chromium.click("[data-test=nav-login]", WAIT);
        chromium.waitForReady("login", WAIT);
        chromium.setField("form[data-test=login]", "login", email);
        chromium.setField("form[data-test=login]", "password", PASSWORD);
        chromium.screenshot(SCREENSHOTS.resolve("login.png"));
        chromium.submit("form[data-test=login]");
        chromium.awaitElement("[data-test=logout]", WAIT);

        deposit(100_00);
        chromium.click("[data-test=nav-wallet]", WAIT);
        chromium.waitForReady("wallet", WAIT);
        chromium.awaitElement("[data-test=account][data-kind=cash][data-balance-minor=\"10000\"]", WAIT);
        chromium.awaitElement("[data-test=balance][data-balance-minor=\"10000\"]", WAIT);
        chromium.awaitElement("[data-test=statement-line]", WAIT);
        chromium.screenshot(SCREENSHOTS.resolve("wallet.png"));
    }

    /** c.: an odds change from the provider moves the outcome's button on the open page, without a reload. */
    @Test
    @Order(2)
    void oddsMoveOnTheEventPageWithoutAReload() {
        openEvent(eventOne);
        chromium.script("window.__noReload = true;");
        String home = outcome(eventOne, "1/", "1");
        String before = attribute(home, "data-odds");

        script(liveOdds(eventOne, oneXTwo("2.40", "3.20", "3.90")));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> "up".equals(attribute(home, "data-moved"))
                && !before.equals(attribute(home, "data-odds")));
        assertTrue(new BigDecimal(attribute(home, "data-odds")).compareTo(new BigDecimal(before)) > 0,
                "the odds rose from " + before);
        assertTrue(noReload(), "the page was not reloaded");
        chromium.screenshot(SCREENSHOTS.resolve("event.png"));
    }

    /** d.: a live accumulator of both events is pending through the live delay, placed, settled and paid. */
    @Test
    @Order(3)
    void aLiveAccumulatorIsPendingThenPlacedThenSettledAndPaid() {
        String one = outcome(eventOne, "1/", "1");
        BigDecimal oddsOne = new BigDecimal(attribute(one, "data-odds"));
        chromium.click(one, WAIT);
        chromium.awaitElement(selection(eventOne, "1/", "1"), WAIT);

        openEvent(eventTwo);
        String two = outcome(eventTwo, "1/", "1");
        BigDecimal oddsTwo = new BigDecimal(attribute(two, "data-odds"));
        chromium.click(two, WAIT);
        chromium.awaitElement(selection(eventTwo, "1/", "1"), WAIT);
        assertEquals(2, count("[data-test=slip-selection]"));

        chromium.click("[data-test=slip-type][data-type=accumulator]", WAIT);
        chromium.awaitElement("[data-test=slip-type][data-type=accumulator][aria-pressed=true]", WAIT);
        chromium.setValue(chromium.awaitElement("[data-test=odds-policy]", WAIT), "any");
        chromium.setValue(chromium.awaitElement("[data-test=stake]", WAIT), "2");
        chromium.awaitElement("[data-test=potential-payout]", WAIT);
        chromium.screenshot(SCREENSHOTS.resolve("betslip.png"));
        chromium.click("[data-test=place-bet]", WAIT);
        chromium.awaitElement("[data-test=slip-message][data-state=pending]", WAIT);
        chromium.awaitElement("[data-test=slip-message][data-state=placed]", LIVE_DELAY_AND_MORE);

        chromium.click("[data-test=nav-bets]", WAIT);
        chromium.waitForReady("bets", WAIT);
        String betId = chromium.awaitElement("[data-test=bet][data-status=open]", WAIT).getDomAttribute("data-bet-id");
        chromium.screenshot(SCREENSHOTS.resolve("bets-open.png"));

        for (String event : List.of(eventOne, eventTwo)) {
            script(SimulatorScript.line(new FeedMessage.BetSettlement(OddsProviderSimulator.LIVE_PRODUCT, event, nextFeedTime(), null,
                    1, List.of(new FeedMessage.SettledMarket(1, "", null, List.of(
                            new FeedMessage.SettledOutcome("1", 1, null, null),
                            new FeedMessage.SettledOutcome("2", 0, null, null),
                            new FeedMessage.SettledOutcome("3", 0, null, null)))))));
        }
        chromium.click("[data-test=bets-tab][data-status=settled]", WAIT);
        chromium.waitForReady("bets", WAIT);
        String settled = "[data-test=bet][data-bet-id=\"" + betId + "\"][data-status=settled]";
        chromium.awaitElement(settled, LIVE_DELAY_AND_MORE);
        // 2.00 at the brand's odds of both legs, as the buttons showed them when the player picked them.
        long paidMinor = new BigDecimal(200).multiply(oddsOne).multiply(oddsTwo).setScale(0, RoundingMode.FLOOR)
                .longValueExact();
        assertEquals(Long.toString(paidMinor), chromium.awaitElement(settled, WAIT).getDomAttribute("data-paid-minor"),
                "2.00 x " + oddsOne + " x " + oddsTwo);
        chromium.screenshot(SCREENSHOTS.resolve("bets-settled.png"));
    }

    /** e.: a deposit limit applies at once; a self-exclusion shows on the account and refuses the next bet. */
    @Test
    @Order(4)
    void aSelfExcludedPlayerIsRefusedTheNextBet() {
        chromium.click("[data-test=nav-settings]", WAIT);
        chromium.waitForReady("settings", WAIT);
        String limits = "form[data-test=limit-form]";
        chromium.setField(limits, "kind", "deposit");
        chromium.setField(limits, "period", "day");
        chromium.setField(limits, "amount", "50");
        chromium.submit(limits);
        chromium.awaitElement("[data-test=limit-message][data-outcome=applied]", WAIT);
        chromium.awaitElement("[data-test=limit][data-kind=deposit][data-period=day][data-amount-minor=\"5000\"]",
                WAIT);
        chromium.screenshot(SCREENSHOTS.resolve("settings.png"));

        String exclusion = "form[data-test=self-exclusion]";
        chromium.setField(exclusion, "period", "6m");
        chromium.setField(exclusion, "confirm", "true");
        chromium.submit(exclusion);
        chromium.awaitElement("[data-test=account-status][data-code=SELF_EXCLUDED]", WAIT);

        openEvent(eventOne);
        chromium.click(outcome(eventOne, "18/total=2.5", "12"), WAIT);
        chromium.awaitElement(selection(eventOne, "18/total=2.5", "12"), WAIT);
        chromium.setValue(chromium.awaitElement("[data-test=stake]", WAIT), "1");
        int errorsBefore = chromium.consoleErrors().size();
        chromium.click("[data-test=place-bet]", WAIT);
        chromium.awaitElement("[data-test=slip-message][data-state=rejected][data-code=PLAYER_RESTRICTED]", WAIT);
        // Chromium logs the refused request (422) as a console error: expected here, and only here.
        expectErrors(errorsBefore, message -> message.contains("/players/me/bets") && message.contains("422"));
        chromium.screenshot(SCREENSHOTS.resolve("self-excluded.png"));
    }

    /** f.: the odds websocket drops and comes back by itself; odds flow again and the slip kept its selection. */
    @Test
    @Order(5)
    void liveOddsComeBackAfterTheConnectionDrops() {
        chromium.awaitElement("[data-test=live-status][data-state=connected]", WAIT);
        int errorsBefore = chromium.consoleErrors().size();
        proxy.cut();
        await().atMost(WAIT).until(() -> !"connected".equals(attribute("[data-test=live-status]", "data-state")));
        proxy.restore();
        chromium.awaitElement("[data-test=live-status][data-state=connected]", WAIT);
        // While cut, the socket's reconnection attempts (and any request in flight) failed: Chromium logs those.
        expectErrors(errorsBefore, message -> message.contains("WebSocket") || message.contains("net::ERR_"));

        String over = outcome(eventOne, "18/total=2.5", "12");
        String before = attribute(over, "data-odds");
        script(liveOdds(eventOne, totals("1.60", "2.25")));
        await().atMost(WAIT).until(() -> !before.equals(attribute(over, "data-odds")));
        assertEquals(1, count(selection(eventOne, "18/total=2.5", "12")), "the slip kept its selection");
        assertTrue(noReload(), "the page was not reloaded");
        chromium.screenshot(SCREENSHOTS.resolve("reconnected.png"));
    }

    /** g.: the brand's page frames the app with a launch token; the app opens a session and shows the balance. */
    @Test
    @Order(6)
    void anEmbeddedLaunchOpensASessionInTheBrandsPage() throws Exception {
        String externalPlayerId = "u-" + RANDOM.nextInt(1_000_000);
        // The cell takes a token of the documented form at all (each token's nonce is taken once: this one is
        // spent here), so that a failure below is the browser's part.
        given().contentType(ContentType.JSON).body(Map.of("token", launchToken(externalPlayerId)))
                .post(platform.cell(CELL).uri("/api/brands/" + BRAND + "/launch")).then().statusCode(200);
        String token = launchToken(externalPlayerId);
        String frame = platform.cell(CELL).baseUrl() + "/app/" + BRAND + "/embed?token=" + token;
        brandSitePage = """
                <!doctype html><html><head><meta charset="utf-8"><title>Brand site</title></head>
                <body><h1>Brand site</h1><iframe src="%s" width="1200" height="760"></iframe></body></html>"""
                .formatted(frame);
        chromium.open("http://127.0.0.1:" + brandSite.getAddress().getPort() + "/");
        chromium.driver().switchTo().frame(chromium.driver().findElement(By.tagName("iframe")));
        try {
            // Blocked framing (the brand's origin missing from the cell's frame-ancestors) or a refused token leave
            // the frame without a ready embedded app; the console errors say which.
            try {
                await().atMost(WAIT).until(() -> Boolean.TRUE.equals(chromium.script(
                        "const html = document.documentElement; return html.dataset.embedded === 'true' "
                                + "&& html.dataset.ready === 'true';")));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("The framed app was not ready in embedded mode (html[data-embedded=true]"
                        + "[data-ready=true]) within " + WAIT.toSeconds() + " s; the app's launch error (diagnostic only): "
                        + chromium.script("const error = document.querySelector('[data-test=launch-error]');"
                                + "return error ? error.dataset.code : null;")
                        + "; console errors: " + chromium.consoleErrors(), e);
            }
            String balance = chromium.awaitElement("[data-test=balance][data-balance-minor]", WAIT)
                    .getDomAttribute("data-balance-minor");
            assertTrue(balance.matches("\\d+"), "a balance in minor units: " + balance);
        } finally {
            chromium.driver().switchTo().defaultContent();
        }
        chromium.screenshot(SCREENSHOTS.resolve("embedded.png"));
    }

    /** h.: nothing the app did logged a browser console error, beyond the failures the test caused on purpose. */
    @Test
    @Order(7)
    void theBrowserConsoleHasNoErrors() {
        List<HeadlessChromium.ConsoleError> errors = chromium.consoleErrors();
        StringBuilder unexpected = new StringBuilder();
        for (int i = 0; i < errors.size(); i++) {
            String cause = EXPECTED_ERRORS.get(i);
            System.out.println("console error " + i + (cause == null ? " (unexpected)" : " (expected: " + cause + ")")
                    + ": " + errors.get(i).message());
            if (cause == null) {
                unexpected.append('\n').append(errors.get(i).message());
            }
        }
        assertEquals("", unexpected.toString(), "browser console errors");
    }

    /** The errors logged since {@code from} are expected when they match; the others stay unexpected. */
    private static void expectErrors(int from, Predicate<String> expected) {
        List<HeadlessChromium.ConsoleError> errors = chromium.consoleErrors();
        for (int i = from; i < errors.size(); i++) {
            if (expected.test(errors.get(i).message())) {
                EXPECTED_ERRORS.put(i, "caused by the test");
            }
        }
    }

    /** Opens an event's page through the app's own links: the live list, then the event. */
    private static void openEvent(String event) {
        chromium.click("[data-test=nav-live]", WAIT);
        chromium.waitForReady("live", WAIT);
        chromium.click("[data-test=event-link][data-event-id=\"" + event + "\"]", WAIT);
        chromium.waitForReady("event", WAIT);
        chromium.awaitElement("[data-test=event-page][data-event-id=\"" + event + "\"]", WAIT);
    }

    private static String outcome(String event, String marketKey, String outcomeId) {
        return "[data-test=outcome][data-event-id=\"" + event + "\"][data-market-key=\"" + marketKey
                + "\"][data-outcome-id=\"" + outcomeId + "\"]";
    }

    private static String selection(String event, String marketKey, String outcomeId) {
        return "[data-test=slip-selection][data-selection-key=\"" + event + "/" + marketKey + "/" + outcomeId + "\"]";
    }

    /** An attribute of the first element the selector matches now, or null. */
    private static String attribute(String selector, String name) {
        return (String) chromium.script("const element = document.querySelector(arguments[0]);"
                + "return element ? element.getAttribute(arguments[1]) : null;", selector, name);
    }

    private static long count(String selector) {
        return ((Number) chromium.script("return document.querySelectorAll(arguments[0]).length;", selector))
                .longValue();
    }

    private static boolean noReload() {
        return Boolean.TRUE.equals(chromium.script("return window.__noReload === true;"));
    }

    /** Funds the player through the ops wallet API, from the brand's payments clearing account. */
    private static void deposit(long amountMinor) {
        AppProcess cell = platform.cell(CELL);
        String token = given().contentType(ContentType.JSON).body("""
                {"login":"%s","password":"%s"}""".formatted(email, PASSWORD))
                .post(cell.uri("/api/brands/" + BRAND + "/login")).then().statusCode(200).extract().jsonPath()
                .getString("accessToken");
        long cash = given().header("Authorization", "Bearer " + token)
                .get(cell.uri("/api/brands/" + BRAND + "/players/me/wallet")).jsonPath()
                .getLong("find { it.kind == 'cash' }.id");
        long clearing = given().header("Authorization", ops).contentType(ContentType.JSON)
                .body("{\"brand\":\"" + BRAND + "\",\"kind\":\"payments_clearing\",\"currency\":\"EUR\"}")
                .post(cell.uri("/api/wallet/accounts")).jsonPath().getLong("id");
        given().header("Authorization", ops).contentType(ContentType.JSON).body("""
                {"idempotencyKey":"web-deposit-%d","transfers":[{"debitAccountId":%d,"creditAccountId":%d,
                 "amountMinor":%d,"currency":"EUR","type":"deposit"}]}""".formatted(cash, clearing, cash, amountMinor))
                .post(cell.uri("/api/wallet/transfers")).then().statusCode(201);
    }

    /**
     * A launch token as docs/web-app.md defines it, signed with the launch secret every cell of a {@link LocalPlatform}
     * holds. Made here from the definition rather than with the platform's own code ({@code LaunchTokens}), so the
     * test also holds the doc to its word:
     * {@code base64url(payload JSON) + "." + base64url(HMAC-SHA256(secret, base64url(payload JSON)))}, no padding.
     */
    private static String launchToken(String externalPlayerId) throws IOException, GeneralSecurityException {
        return launchToken(Map.of("brand", BRAND, "externalPlayerId", externalPlayerId, "currency", "EUR",
                "country", "GB", "dateOfBirth", "1990-04-23", "locale", "en",
                "exp", Instant.now().plusSeconds(300).getEpochSecond(),
                "nonce", HexFormat.of().formatHex(randomBytes(16))));
    }

    static String launchToken(Map<String, Object> payload) throws IOException, GeneralSecurityException {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String first = base64url.encodeToString(JSON.writeValueAsBytes(payload));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(LocalPlatform.LAUNCH_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return first + "." + base64url.encodeToString(hmac.doFinal(first.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String newEvent() {
        return "sr:match:" + (60_000_000 + RANDOM.nextInt(30_000_000));
    }

    /** Feed timestamps strictly rising: a cell ignores a message older than the last it applied for an event. */
    private static long nextFeedTime() {
        return FEED_CLOCK.updateAndGet(last -> Math.max(System.currentTimeMillis(), last + 1));
    }

    private static String fixture(String event) {
        long at = nextFeedTime();
        return SimulatorScript.line(new FeedMessage.FixtureChange(OddsProviderSimulator.LIVE_PRODUCT, event, at, null, 1, at, null));
    }

    /** An odds change of a football event in play (1-0, first half) with these markets. */
    private static String liveOdds(String event, FeedMessage.OddsMarket... markets) {
        return SimulatorScript.line(new FeedMessage.OddsChange(OddsProviderSimulator.LIVE_PRODUCT, event, nextFeedTime(), null,
                new FeedMessage.SportEventStatus(1, 6, BigDecimal.ONE, BigDecimal.ZERO, null, List.of()), null, null,
                List.of(markets)));
    }

    private static FeedMessage.OddsMarket oneXTwo(String home, String draw, String away) {
        return new FeedMessage.OddsMarket(1, "", null, 1, 1, null, List.of(
                new FeedMessage.OddsOutcome("1", new BigDecimal(home), null, true),
                new FeedMessage.OddsOutcome("2", new BigDecimal(draw), null, true),
                new FeedMessage.OddsOutcome("3", new BigDecimal(away), null, true)));
    }

    /** Total goals over/under 2.5. */
    private static FeedMessage.OddsMarket totals(String over, String under) {
        return new FeedMessage.OddsMarket(18, "total=2.5", null, 1, 1, null, List.of(
                new FeedMessage.OddsOutcome("12", new BigDecimal(over), null, true),
                new FeedMessage.OddsOutcome("13", new BigDecimal(under), null, true)));
    }


    private static void script(String... lines) {
        provider.replay(List.of(lines));
    }
}
