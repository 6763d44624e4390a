package io.cellbet.simulators.oddsprovider;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cellbet.feed.api.uof.FeedMessage;
import io.cellbet.feed.api.uof.FeedMessage.MarketRef;
import io.cellbet.feed.api.uof.FeedWriter;
import io.cellbet.feed.api.uof.RoutingKey;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bettable-content provider, simulated with real parts: it publishes UOF-style XML to the topic exchange
 * {@code unifiedfeed} over AMQP (see {@code odds-feed.md}) and serves the provider's recovery API over HTTP.
 *
 * <p>It holds fixtures and odds for many events across football, tennis, basketball and an e-sport, prematch and
 * live; moves odds, plays matches (scores, bet stops), settles them (with void and dead-heat factors now and then),
 * cancels and rolls back, and sends {@code alive} for each producer. Ops and tests steer it over HTTP:
 *
 * <ul>
 *   <li>{@code POST /v1/{product}/recovery/initiate_request?after={ms}&request_id={id}}: the provider's recovery
 *       API. Answers 202, then republishes the producer's events with that request id and ends with
 *       {@code snapshot_complete}; 503 while paused.</li>
 *   <li>{@code POST /admin/pause}, {@code /admin/resume}: stop and restart every message, {@code alive} included
 *       (a producer going down and coming back).</li>
 *   <li>{@code POST /admin/duplicates?on=true|false}: publish every message twice.</li>
 *   <li>{@code POST /admin/reorder?on=true|false}: swap each pair of consecutive messages.</li>
 *   <li>{@code POST /admin/unsubscribe?product=N}: the next {@code alive} of that producer says
 *       {@code subscribed="0"}.</li>
 *   <li>{@code POST /admin/replay}: publish a script, one message per line as {@code routing-key<TAB>xml}.</li>
 *   <li>{@code GET /admin/state}: counters as JSON.</li>
 * </ul>
 *
 * <p>State changes on one scheduler thread, publishing on one publisher thread (an AMQP channel is not
 * thread-safe), so a run with a given seed is repeatable.
 */
public final class OddsProviderSimulator implements AutoCloseable {

    public static final String EXCHANGE = "unifiedfeed";
    public static final int LIVE_PRODUCT = 1;
    public static final int PREMATCH_PRODUCT = 3;
    private static final List<Integer> PRODUCTS = List.of(LIVE_PRODUCT, PREMATCH_PRODUCT);
    /** The void or dead-heat factor the simulator uses now and then. */
    private static final BigDecimal HALF = new BigDecimal("0.5");
    /** Milliseconds one change may span: a settlement, its rollback and the settlement again. */
    private static final long CHANGE_SPAN_MS = 3;

    /** How the simulator is set up. */
    public record Settings(String amqpUrl, String exchange, int httpPort, int events, int marketsPerEvent,
            double oddsChangesPerSecond, Duration aliveInterval, Duration tick, long seed) {

        public static Settings defaults(String amqpUrl) {
            return new Settings(amqpUrl, EXCHANGE, 0, 500, 30, 200, Duration.ofSeconds(5), Duration.ofMillis(100), 1);
        }

        public Settings withEvents(int count) {
            return new Settings(amqpUrl, exchange, httpPort, count, marketsPerEvent, oddsChangesPerSecond,
                    aliveInterval, tick, seed);
        }

        public Settings withOddsChangesPerSecond(double rate) {
            return new Settings(amqpUrl, exchange, httpPort, events, marketsPerEvent, rate, aliveInterval, tick, seed);
        }

        public Settings withAliveInterval(Duration interval) {
            return new Settings(amqpUrl, exchange, httpPort, events, marketsPerEvent, oddsChangesPerSecond, interval,
                    tick, seed);
        }

        public Settings withExchange(String name) {
            return new Settings(amqpUrl, name, httpPort, events, marketsPerEvent, oddsChangesPerSecond, aliveInterval,
                    tick, seed);
        }

        public Settings withHttpPort(int port) {
            return new Settings(amqpUrl, exchange, port, events, marketsPerEvent, oddsChangesPerSecond, aliveInterval,
                    tick, seed);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Random random;
    private final FeedWriter writer = new FeedWriter();
    private final Connection connection;
    private final Channel channel;
    private final HttpServer http;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService publisher;
    private final List<SimulatedEvent> events = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final Map<String, AtomicLong> publishedByType = new LinkedHashMap<>();
    private final AtomicLong recoveries = new AtomicLong();
    private long nextEventId = 1;
    private double oddsChangesDue;
    private long lastAliveAt;
    /** The last change's timestamp (scheduler thread only). */
    private long lastTimestamp;
    private volatile boolean paused;
    private volatile boolean duplicates;
    private volatile boolean reorder;
    private volatile Integer unsubscribedProduct;
    /** The message held back in reorder mode, published after the next one. */
    private Outgoing heldBack;

    private record Outgoing(String routingKey, byte[] body, String type) {
    }

    private OddsProviderSimulator(Settings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.random = new Random(settings.seed());
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(URI.create(settings.amqpUrl()));
        } catch (Exception e) {
            throw new IllegalArgumentException("Not an AMQP URL: " + settings.amqpUrl(), e);
        }
        try {
            connection = factory.newConnection("odds-provider-simulator");
        } catch (TimeoutException e) {
            throw new IOException("AMQP connection timed out", e);
        }
        channel = connection.createChannel();
        channel.exchangeDeclare(settings.exchange(), "topic", true);
        long now = clock.millis();
        for (int i = 0; i < settings.events(); i++) {
            events.add(newEvent(now, i));
        }
        // A few events are live from the start, so live odds flow at once.
        for (int i = 0; i < events.size(); i += 5) {
            events.get(i).status = 1;
            events.get(i).startTime = now;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("odds-provider-scheduler"));
        publisher = Executors.newSingleThreadExecutor(daemon("odds-provider-publisher"));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.httpPort()), 0);
        http.createContext("/v1/", this::recoveryRequest);
        http.createContext("/admin/", this::admin);
        http.setExecutor(Executors.newFixedThreadPool(2, daemon("odds-provider-http")));
    }

    /** Connects, creates the fixtures, publishes them and starts the clock. */
    public static OddsProviderSimulator start(Settings settings) throws IOException {
        OddsProviderSimulator simulator = new OddsProviderSimulator(settings, Clock.systemUTC());
        simulator.http.start();
        simulator.scheduler.execute(simulator::publishFixtures);
        long tickMs = settings.tick().toMillis();
        simulator.scheduler.scheduleAtFixedRate(simulator::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        return simulator;
    }

    /** The base URL of the recovery and admin API. */
    public String httpUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public long published() {
        return published.get();
    }

    public boolean paused() {
        return paused;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public void duplicates(boolean on) {
        duplicates = on;
    }

    public void reorder(boolean on) {
        reorder = on;
    }

    /** The next alive of {@code product} says the subscription was lost. */
    public void unsubscribe(int product) {
        unsubscribedProduct = product;
    }

    /**
     * Publishes every open event of {@code product} again with {@code requestId}, then {@code snapshot_complete}
     * (the provider's answer to a recovery request; {@code after} only bounds what a real provider replays).
     */
    public void recover(int product, long after, long requestId) {
        recoveries.incrementAndGet();
        scheduler.execute(() -> {
            long now = timestamp();
            for (SimulatedEvent event : events) {
                if (event.product() == product && event.status <= 1) {
                    publishEvent(event.oddsChange(new ArrayList<>(event.markets.values()), now, requestId), event);
                }
            }
            send(RoutingKey.forSystem(new FeedMessage.SnapshotComplete(product, now, requestId)).toString(),
                    new FeedMessage.SnapshotComplete(product, now, requestId));
        });
    }

    /** Publishes a script: one message per line, {@code routing-key<TAB>xml}; blank and {@code #} lines skipped. */
    public int replay(List<String> lines) {
        int count = 0;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                throw new IllegalArgumentException("a script line is routing-key<TAB>xml, was: " + line);
            }
            send(new Outgoing(line.substring(0, tab), line.substring(tab + 1).getBytes(StandardCharsets.UTF_8),
                    "replay"));
            count++;
        }
        return count;
    }

    // ---- the clock

    /**
     * The timestamp of the next change: the clock, but always past the last one by more than the few milliseconds
     * one change spans (a settlement and its rollback), as a provider's are, so no two messages of a market tie.
     */
    private long timestamp() {
        lastTimestamp = Math.max(clock.millis(), lastTimestamp + CHANGE_SPAN_MS);
        return lastTimestamp;
    }

    private void publishFixtures() {
        long now = clock.millis();
        for (SimulatedEvent event : events) {
            publishEvent(new FeedMessage.FixtureChange(event.product(), event.urn, now, null, 1, event.startTime, null),
                    event);
            publishEvent(event.oddsChange(new ArrayList<>(event.markets.values()), now, null), event);
        }
    }

    private void tick() {
        try {
            long now = clock.millis();
            if (now - lastAliveAt >= settings.aliveInterval().toMillis()) {
                lastAliveAt = now;
                for (int product : PRODUCTS) {
                    boolean subscribed = unsubscribedProduct == null || unsubscribedProduct != product;
                    if (!subscribed) {
                        unsubscribedProduct = null;
                    }
                    FeedMessage.Alive alive = new FeedMessage.Alive(product, now, subscribed);
                    send(RoutingKey.forSystem(alive).toString(), alive);
                }
            }
            oddsChangesDue += settings.oddsChangesPerSecond() * settings.tick().toMillis() / 1000.0;
            while (oddsChangesDue >= 1) {
                oddsChangesDue -= 1;
                changeSomething(timestamp());
            }
        } catch (RuntimeException e) {
            System.err.println("odds provider simulator: tick failed: " + e);
        }
    }

    /** Mostly odds moves; now and then a match event, a start, an end with settlement, a cancel or a rollback. */
    private void changeSomething(long now) {
        SimulatedEvent event = events.get(random.nextInt(events.size()));
        int roll = random.nextInt(1000);
        if (roll < 2) {
            cancelMarket(event, now);
        } else if (event.status == 0 && roll < 7) {
            startMatch(event, now);
        } else if (event.live() && roll < 17) {
            score(event, now);
        } else if (event.live() && roll < 22) {
            endMatch(event, now);
        } else {
            moveOdds(event, now);
        }
    }

    private void moveOdds(SimulatedEvent event, long now) {
        List<SimulatedEvent.Market> open = new ArrayList<>();
        for (SimulatedEvent.Market market : event.markets.values()) {
            if (market.status == 1 || market.status == -1) {
                open.add(market);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        List<SimulatedEvent.Market> changed = new ArrayList<>();
        int count = 1 + random.nextInt(Math.min(3, open.size()));
        for (int i = 0; i < count; i++) {
            SimulatedEvent.Market market = open.get(random.nextInt(open.size()));
            market.status = 1;
            event.move(market, random);
            if (!changed.contains(market)) {
                changed.add(market);
            }
        }
        publishEvent(event.oddsChange(changed, now, null), event);
    }

    private void startMatch(SimulatedEvent event, long now) {
        event.status = 1;
        event.startTime = now;
        publishEvent(event.oddsChange(new ArrayList<>(event.markets.values()), now, null), event);
    }

    /** A goal (or point): bets stop, the score changes, odds come back. */
    private void score(SimulatedEvent event, long now) {
        publishEvent(new FeedMessage.BetStop(event.product(), event.urn, now, null, "all", -1), event);
        event.markets.values().forEach(market -> market.status = -1);
        if (random.nextBoolean()) {
            event.homeScore++;
        } else {
            event.awayScore++;
        }
        event.minute = Math.min(event.minute + 1 + random.nextInt(10), 90);
        event.markets.values().forEach(market -> {
            market.status = 1;
            event.move(market, random);
        });
        publishEvent(event.oddsChange(new ArrayList<>(event.markets.values()), now, null), event);
    }

    /** The match ends: every market settled (some with a void or dead-heat factor), then a new fixture replaces it. */
    private void endMatch(SimulatedEvent event, long now) {
        event.status = 3;
        event.markets.values().forEach(market -> market.status = -3);
        publishEvent(event.oddsChange(new ArrayList<>(event.markets.values()), now, null), event);
        List<FeedMessage.SettledMarket> settled = new ArrayList<>();
        for (SimulatedEvent.Market market : event.markets.values()) {
            int winner = random.nextInt(market.outcomeIds.size());
            int twist = random.nextInt(100);
            List<FeedMessage.SettledOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < market.outcomeIds.size(); i++) {
                boolean won = i == winner;
                BigDecimal voidFactor = twist < 5 && won ? HALF : null;
                BigDecimal deadHeat = twist >= 5 && twist < 8 && won ? HALF : null;
                outcomes.add(new FeedMessage.SettledOutcome(market.outcomeIds.get(i), won ? 1 : 0, voidFactor,
                        deadHeat));
            }
            settled.add(new FeedMessage.SettledMarket(market.ref.id(), market.ref.specifiers(), null,
                    List.copyOf(outcomes)));
        }
        publishEvent(new FeedMessage.BetSettlement(LIVE_PRODUCT, event.urn, now, null, 2, List.copyOf(settled)),
                event);
        if (random.nextInt(20) == 0) {
            // The provider corrects itself: the settlement is rolled back and sent again.
            List<MarketRef> refs = new ArrayList<>(event.markets.keySet());
            publishEvent(new FeedMessage.RollbackBetSettlement(LIVE_PRODUCT, event.urn, now + 1, null,
                    List.copyOf(refs)), event);
            publishEvent(new FeedMessage.BetSettlement(LIVE_PRODUCT, event.urn, now + 2, null, 2,
                    List.copyOf(settled)), event);
        }
        event.status = 4;
        int index = events.indexOf(event);
        SimulatedEvent next = newEvent(now, index);
        events.set(index, next);
        publishEvent(new FeedMessage.FixtureChange(next.product(), next.urn, now, null, 1, next.startTime, null), next);
        publishEvent(next.oddsChange(new ArrayList<>(next.markets.values()), now, null), next);
    }

    /** One market cancelled for a window (say, bets taken on a wrong line); one time in four, undone again. */
    private void cancelMarket(SimulatedEvent event, long now) {
        SimulatedEvent.Market market = new ArrayList<>(event.markets.values())
                .get(random.nextInt(event.markets.size()));
        long start = now - 60_000;
        publishEvent(new FeedMessage.BetCancel(event.product(), event.urn, now, null, start, now, null,
                List.of(new FeedMessage.CancelledMarket(market.ref.id(), market.ref.specifiers(), 12))), event);
        if (random.nextInt(4) == 0) {
            publishEvent(new FeedMessage.RollbackBetCancel(event.product(), event.urn, now + 1, null, start, now,
                    List.of(market.ref)), event);
        }
    }

    private SimulatedEvent newEvent(long now, int index) {
        SimulatedSport sport = SimulatedSport.values()[index % SimulatedSport.values().length];
        List<String> names = sport.competitors();
        int home = random.nextInt(names.size());
        int away = (home + 1 + random.nextInt(names.size() - 1)) % names.size();
        long start = now + Duration.ofMinutes(30 + random.nextInt(60 * 24 * 3)).toMillis();
        return new SimulatedEvent("sr:match:" + (nextEventId++), sport, names.get(home), names.get(away), start,
                settings.marketsPerEvent(), random);
    }

    // ---- publishing

    private void publishEvent(FeedMessage.EventMessage message, SimulatedEvent event) {
        boolean live = event.product() == LIVE_PRODUCT;
        boolean highPriority = message instanceof FeedMessage.OddsChange || message instanceof FeedMessage.BetStop;
        send(RoutingKey.forEvent(message, highPriority, live, event.sport.providerId()).toString(), message);
    }

    private void send(String routingKey, FeedMessage message) {
        send(new Outgoing(routingKey, writer.write(message), message.type()));
    }

    /** Publishes on the publisher thread, unless paused; twice with duplicates on, pairs swapped with reorder on. */
    private void send(Outgoing outgoing) {
        if (paused) {
            return;
        }
        publisher.execute(() -> {
            if (reorder) {
                if (heldBack == null) {
                    heldBack = outgoing;
                    return;
                }
                publishNow(outgoing);
                publishNow(heldBack);
                heldBack = null;
                return;
            }
            if (heldBack != null) {
                publishNow(heldBack);
                heldBack = null;
            }
            publishNow(outgoing);
        });
    }

    private void publishNow(Outgoing outgoing) {
        int copies = duplicates ? 2 : 1;
        try {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("text/xml")
                    .deliveryMode(2).timestamp(new Date(clock.millis())).build();
            for (int i = 0; i < copies; i++) {
                channel.basicPublish(settings.exchange(), outgoing.routingKey(), properties, outgoing.body());
                published.incrementAndGet();
                synchronized (publishedByType) {
                    publishedByType.computeIfAbsent(outgoing.type(), type -> new AtomicLong()).incrementAndGet();
                }
            }
        } catch (IOException e) {
            System.err.println("odds provider simulator: publish failed: " + e);
        }
    }

    // ---- HTTP

    private void recoveryRequest(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            // /v1/{product}/recovery/initiate_request
            if (!exchange.getRequestMethod().equals("POST") || path.length != 5 || !path[3].equals("recovery")
                    || !path[4].equals("initiate_request")) {
                answer(exchange, 404, "<response response_code=\"NOT_FOUND\"/>");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int product;
            long after;
            long requestId;
            try {
                product = Integer.parseInt(path[2]);
                after = Long.parseLong(query.getOrDefault("after", "0"));
                requestId = Long.parseLong(query.getOrDefault("request_id", ""));
            } catch (NumberFormatException e) {
                answer(exchange, 400, "<response response_code=\"BAD_REQUEST\"><message>product, after and request_id "
                        + "must be whole numbers</message></response>");
                return;
            }
            if (!PRODUCTS.contains(product)) {
                answer(exchange, 404, "<response response_code=\"NOT_FOUND\"><message>no producer " + product
                        + "</message></response>");
                return;
            }
            if (paused) {
                answer(exchange, 503, "<response response_code=\"SERVICE_UNAVAILABLE\"/>");
                return;
            }
            recover(product, after, requestId);
            answer(exchange, 202, "<response response_code=\"ACCEPTED\"/>");
        }
    }

    private void admin(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            boolean post = exchange.getRequestMethod().equals("POST");
            switch (post ? path : "GET " + path) {
                case "/admin/pause":
                    pause();
                    break;
                case "/admin/resume":
                    resume();
                    break;
                case "/admin/duplicates":
                    duplicates(Boolean.parseBoolean(query.getOrDefault("on", "true")));
                    break;
                case "/admin/reorder":
                    reorder(Boolean.parseBoolean(query.getOrDefault("on", "true")));
                    break;
                case "/admin/unsubscribe":
                    try {
                        unsubscribe(Integer.parseInt(query.getOrDefault("product", "")));
                    } catch (NumberFormatException e) {
                        answer(exchange, 400, "{\"error\": \"product must be a whole number\"}");
                        return;
                    }
                    break;
                case "/admin/replay":
                    try (InputStream body = exchange.getRequestBody()) {
                        int count = replay(new String(body.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
                        answer(exchange, 200, "{\"published\": " + count + "}");
                        return;
                    } catch (IllegalArgumentException e) {
                        answer(exchange, 400, "{\"error\": \"" + e.getMessage().replace("\"", "'") + "\"}");
                        return;
                    }
                case "GET /admin/state":
                    answer(exchange, 200, state());
                    return;
                default:
                    answer(exchange, 404, "{\"error\": \"no such admin action\"}");
                    return;
            }
            answer(exchange, 200, state());
        }
    }

    private String state() {
        StringBuilder byType = new StringBuilder();
        synchronized (publishedByType) {
            publishedByType.forEach((type, count) -> byType.append(byType.length() == 0 ? "" : ", ")
                    .append('"').append(type).append("\": ").append(count.get()));
        }
        return String.format(Locale.ROOT, "{\"paused\": %s, \"duplicates\": %s, \"reorder\": %s, \"events\": %d, "
                + "\"published\": %d, \"recoveries\": %d, \"publishedByType\": {%s}}", paused, duplicates, reorder,
                settings.events(), published.get(), recoveries.get(), byType);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("<") ? "application/xml" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Runs the simulator until killed: {@code --amqp URL} (default {@code amqp://guest:guest@127.0.0.1:5672/%2f}),
     * {@code --port N} (recovery and admin API, default 8091), {@code --events N}, {@code --odds-changes-per-second R},
     * {@code --seed S}.
     */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.defaults("amqp://guest:guest@127.0.0.1:5672/%2f").withHttpPort(8091);
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--amqp":
                    settings = new Settings(value, settings.exchange(), settings.httpPort(), settings.events(),
                            settings.marketsPerEvent(), settings.oddsChangesPerSecond(), settings.aliveInterval(),
                            settings.tick(), settings.seed());
                    break;
                case "--port":
                    settings = settings.withHttpPort(Integer.parseInt(value));
                    break;
                case "--events":
                    settings = settings.withEvents(Integer.parseInt(value));
                    break;
                case "--odds-changes-per-second":
                    settings = settings.withOddsChangesPerSecond(Double.parseDouble(value));
                    break;
                case "--seed":
                    settings = new Settings(settings.amqpUrl(), settings.exchange(), settings.httpPort(),
                            settings.events(), settings.marketsPerEvent(), settings.oddsChangesPerSecond(),
                            settings.aliveInterval(), settings.tick(), Long.parseLong(value));
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + option + "; usage: [--amqp URL] "
                            + "[--port N] [--events N] [--odds-changes-per-second R] [--seed S]");
            }
        }
        OddsProviderSimulator simulator = start(settings);
        System.out.println("Odds provider simulator: " + settings.events() + " events to exchange "
                + settings.exchange() + ", recovery and admin API on " + simulator.httpUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        http.stop(0);
        publisher.shutdown();
        try {
            publisher.awaitTermination(5, TimeUnit.SECONDS);
            connection.close();
        } catch (IOException | InterruptedException e) {
            // Closing anyway.
        }
    }
}
