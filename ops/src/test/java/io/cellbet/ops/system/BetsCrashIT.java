package io.cellbet.ops.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.ops.bench.JsonHttp;
import io.cellbet.ops.bench.config.ConfigPropagationScenario.BrandChanges;
import io.cellbet.ops.bench.wallet.WalletPlatform;
import io.cellbet.ops.bench.wallet.WalletRest;
import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.OpsLogin;
import io.cellbet.testsupport.broker.ExchangeTap;
import io.cellbet.testsupport.infra.TestInfrastructure;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bets survive crashes: the cell is killed with SIGKILL while concurrent players place bets, and again while it
 * settles thousands of them, and started again each time. Players retry every placement that got no final answer
 * with the same idempotency key, as a real client must. Afterwards no bet stands without its stake, no stake without
 * its bet, no bet is left half placed, the settlement finished and paid every bet exactly once, every balance is what
 * the answers the players got add up to (payouts worked out here from the stakes and odds), and the auditor passes.
 * The second test settles on top of what the first placed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BetsCrashIT {

    private static final String CELL_ID = "bets-crash-1";
    /** The brand the config scenario creates (internal wallet, EUR, sportsbook): reused rather than spelt again. */
    private static final String BRAND = BrandChanges.code(0);
    private static final String CURRENCY = WalletRest.CURRENCY;
    private static final String PASSWORD = "Kick-0ff-Storm!";
    private static final int PLAYERS = 20;
    private static final long DEPOSIT_MINOR = 2_000_000;
    private static final int CLIENTS = 16;
    private static final int SETUP_THREADS = 4;
    private static final long STAKE_MIN_MINOR = 10;
    private static final long STAKE_MAX_MINOR = 1_000;
    /** How long a bet may stay {@code placing} before the sweeper resolves it: short, so the test sees it happen. */
    private static final Duration PLACING_TIMEOUT = Duration.ofSeconds(5);
    /** Shorter than the placing timeout, as the cell requires. */
    private static final Duration LEDGER_QUEUE_TIMEOUT = Duration.ofSeconds(2);
    private static final int KILLS_MIN = 2;
    private static final int KILLS_MAX = 3;
    /** Final answers between two kills, at least and at most: the kills land at random moments of the load. */
    private static final int ANSWERS_BETWEEN_KILLS_MIN = 50;
    private static final int ANSWERS_BETWEEN_KILLS_MAX = 250;
    /**
     * Bets on the market whose settlement is interrupted: a few batches per settlement worker, so kills land between
     * and inside them. Placing them is most of the test's time (about 50 a second on a shared 2-core machine).
     */
    private static final int SETTLEMENT_BETS = 3_000;
    /** Kills during the settlement, the first one required, further ones while the job still runs after a restart. */
    private static final int SETTLEMENT_KILLS_MAX = 2;
    private static final Duration PROGRESS_MAX = Duration.ofSeconds(60);
    /** How long one placement is retried (the cell restarting meanwhile) before the client gives up. */
    private static final Duration RETRY_MAX = Duration.ofSeconds(90);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(100);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SETTLEMENT_MAX = Duration.ofSeconds(120);
    private static final Duration JOB_POLL = Duration.ofMillis(50);
    private static final Duration PAID_WINDOW_MAX = Duration.ofSeconds(3);
    private static final Duration PAID_POLL = Duration.ofMillis(10);
    private static final int BREACHES_SHOWN_MAX = 30;
    /** Refusals a placement may end with when the cell crashed under it: the stake was never taken. */
    private static final Set<String> CRASH_REFUSALS = Set.of("INTERRUPTED", "WALLET_BUSY");
    private static final int FOOTBALL = 1;
    private static final int PREMATCH_PRODUCER = 3;
    private static final int LIVE_PRODUCER = 1;
    private static final int MATCH_RESULT = 1;
    private static final long START = Instant.parse("2031-05-17T18:30:00Z").toEpochMilli();
    /** The market settled by the second test: outcome 1 wins, 2 loses. Odds with cents, so payouts round down. */
    private static final Map<String, BigDecimal> SETTLED_ODDS = Map.of("1", new BigDecimal("2.37"), "2",
            new BigDecimal("1.55"));
    private static final Map<String, BigDecimal> OTHER_ODDS = Map.of("1", new BigDecimal("1.90"), "2",
            new BigDecimal("3.45"), "3", new BigDecimal("4.20"));
    private static final String WINNER = "1";
    private static final Pattern SETTLEMENT_KEY = Pattern.compile("bet:[0-9a-f-]+:s[0-9]+");

    private static LocalPlatform platform;
    private static AppProcess cell;
    private static JsonHttp http;
    private static JsonHttp ops;
    private static WalletRest wallet;
    private static Feed feed;
    private static final List<Player> players = new ArrayList<>();
    private static String settledEvent;
    private static final List<String> otherEvents = new ArrayList<>();
    private static final Map<String, Map<String, BigDecimal>> oddsOfEvent = new HashMap<>();
    private static final Set<String> settledEvents = ConcurrentHashMap.newKeySet();
    /** Every placement's final answer, by idempotency key, over both tests. */
    private static final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicLong answered = new AtomicLong();
    private final LongAdder retries = new LongAdder();
    private final LongAdder replays = new LongAdder();
    private final LongAdder unfinishedReplays = new LongAdder();

    /** A registered, logged-in and funded player. */
    private record Player(String id, JsonHttp http, long cashAccount) {
    }

    /** One bet a client places: a single on one outcome. */
    private record Slip(String key, int player, String event, String outcome, BigDecimal odds, long stakeMinor) {
    }

    /** A placement's final answer: the bet open (201, or 200 for a replay) or refused with a code. */
    private record Answer(Slip slip, String betId, String code) {

        boolean open() {
            return code == null;
        }
    }

    @BeforeAll
    static void startPlatform() throws Exception {
        // A queue left by an earlier run would hold the feed of every test since: the cell starts with none.
        TestInfrastructure.broker().deleteQueuesIfPresent(Exchanges.cellFeedQueue(CELL_ID));
        platform = WalletPlatform.start(TestInfrastructure.postgres(), TestInfrastructure.broker(), "cellbet_bcrash",
                CELL_ID, Path.of("target", "bets-crash-it").toAbsolutePath(), builder -> builder.environment(
                        WalletPlatform.CELL, Map.of("CELLBET_SPORTSBOOK_BETS_PLACING_TIMEOUT",
                                PLACING_TIMEOUT.toMillis() + "ms", "CELLBET_WALLET_LEDGER_QUEUE_TIMEOUT",
                                LEDGER_QUEUE_TIMEOUT.toMillis() + "ms")));
        cell = platform.cell(WalletPlatform.CELL);
        http = new JsonHttp(HTTP_TIMEOUT);
        ops = http.withBearer(OpsLogin.token(platform));
        wallet = new WalletRest(ops, cell.baseUrl());
        new BrandChanges(ops, platform.controlPlane().baseUrl(), 1).createAll();
        await().atMost(WAIT).until(() -> http.send("GET", cell.baseUrl() + "/api/config/brands/" + BRAND, null)
                .status() == 200);
        feed = Feed.open();
        settledEvent = prematch(SETTLED_ODDS);
        otherEvents.add(prematch(OTHER_ODDS));
        otherEvents.add(prematch(OTHER_ODDS));
        registerPlayers();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (feed != null) {
            feed.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void noBetStandsWithoutItsStakeNorAStakeWithoutItsBetWhenTheCellIsKilledDuringPlacement() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> runClient(() -> stop.get() ? null : randomSlip(sequence))));
        }
        int kills = ThreadLocalRandom.current().nextInt(KILLS_MIN, KILLS_MAX + 1);
        long leftPlacing = 0;
        try {
            for (int k = 0; k < kills; k++) {
                awaitMoreAnswered();
                cell.kill();
                leftPlacing += count("SELECT count(*) FROM sportsbook.bets WHERE status = 'placing'");
                cell.start();
            }
            awaitMoreAnswered();
        } finally {
            stop.set(true);
            clients.shutdown();
        }
        assertTrue(clients.awaitTermination(RETRY_MAX.toSeconds() + 10, TimeUnit.SECONDS), "clients finished");
        for (Future<?> client : running) {
            client.get();
        }
        Map<String, Long> codes = new TreeMap<>();
        answers.values().forEach(answer -> codes.merge(answer.open() ? "open" : answer.code(), 1L, Long::sum));
        System.out.printf("BetsCrashIT placement: %d kills, %d bets caught placing by them, %d answers %s, %d retries,"
                + " %d replayed answers (%d of a bet still being placed)%n", kills, leftPlacing, answers.size(), codes,
                retries.sum(), replays.sum(), unfinishedReplays.sum());
        assertEquals(List.of(), List.copyOf(problems), "unexpected answers");
        assertTrue(retries.sum() > 0, "the kills broke placements in flight, which were retried");

        awaitNothingHalfDone();
        assertConsistent();
    }

    @Test
    @Order(2)
    void aSettlementInterruptedByACrashResumesAndPaysEveryBetExactlyOnce() throws Exception {
        Queue<Slip> slips = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < SETTLEMENT_BETS; i++) {
            String outcome = i % 2 == 0 ? "1" : "2";
            slips.add(new Slip("settle-" + i, i % PLAYERS, settledEvent, outcome, SETTLED_ODDS.get(outcome),
                    randomStake()));
        }
        long placingStarted = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> runClient(slips::poll)));
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(PROGRESS_MAX.toSeconds() * 3, TimeUnit.SECONDS), "clients finished");
        for (Future<?> client : running) {
            client.get();
        }
        long placingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - placingStarted);
        assertEquals(List.of(), List.copyOf(problems), "unexpected answers");
        long refused = answers.values().stream().filter(a -> a.slip().key().startsWith("settle-") && !a.open())
                .count();
        assertEquals(0, refused, "bets refused without a crash");
        long onMarket = openOnSettledMarket();

        feed.publish(FeedEvent.MARKETS_SETTLED, new FeedEvent.MarketsSettled(settledEvent, LIVE_PRODUCER,
                feed.next(), "confirmed", List.of(new FeedEvent.SettledMarket(MATCH_RESULT, "", null, List.of(
                        new FeedEvent.SettledOutcome("1", "won", null, null),
                        new FeedEvent.SettledOutcome("2", "lost", null, null))))));
        List<String> killedAt = new ArrayList<>();
        long doneBefore = 0;
        for (int k = 0; k < SETTLEMENT_KILLS_MAX; k++) {
            Jobs progress = awaitJobRunning(doneBefore, k == 0);
            if (progress == null) {
                break;
            }
            awaitPaidNotRecorded();
            cell.kill();
            doneBefore = progress.betsDone();
            long unfinishedParts = count("SELECT count(*) FROM sportsbook.settlement_jobs WHERE done_at IS NULL "
                    + "AND event_id = '" + settledEvent + "'");
            killedAt.add(progress.betsDone() + " of " + onMarket + " bets done (" + count(PAID_NOT_RECORDED)
                    + " paid, not yet recorded)");
            cell.start();
            if (unfinishedParts == 0) {
                assertTrue(k > 0, "the settlement finished before the cell was killed during it");
                break;
            }
        }
        await().atMost(SETTLEMENT_MAX).pollInterval(Duration.ofMillis(500)).until(() -> jobs().done());
        // Settled stakes reach the GGR with the next stake sweep, a moment after their bets settled.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> count("SELECT count(*) FROM "
                + "sportsbook.bets WHERE status IN ('settled', 'voided') AND NOT stake_in_ggr") == 0 && count(
                        "SELECT count(*) FROM sportsbook.stake_sweeps WHERE status <> 'done'") == 0);
        settledEvents.add(settledEvent);
        System.out.printf("BetsCrashIT settlement: %d bets on the market (%d placed in %d ms); killed at %s; job %s;"
                + " %d stake sweeps%n", onMarket, SETTLEMENT_BETS, placingMs, killedAt, jobs().views(),
                count("SELECT count(*) FROM sportsbook.stake_sweeps"));

        assertEquals(0, openOnSettledMarket(), "bets of the settled market still open");
        assertConsistent();
    }

    // ---- placing

    /** Until {@code next} has no slip left, places each one until it has a final answer. */
    private void runClient(Supplier<Slip> next) {
        for (Slip slip = next.get(); slip != null; slip = next.get()) {
            try {
                place(slip);
            } catch (Exception | AssertionError e) {
                problems.add(slip.key() + ": " + e);
                return;
            }
            if (!problems.isEmpty()) {
                return;
            }
        }
    }

    /**
     * Sends the slip again and again (same key) until the cell gives a final answer: while the cell is down or
     * restarting, requests fail or time out, and a bet caught half placed by a crash is answered as it stands
     * ({@code placing}) until the sweeper opens or rejects it.
     */
    private void place(Slip slip) {
        Player player = players.get(slip.player());
        Map<String, Object> body = body(slip);
        String url = cell.baseUrl() + "/api/brands/" + BRAND + "/players/me/bets";
        AtomicReference<JsonHttp.Response> answer = new AtomicReference<>();
        AtomicBoolean first = new AtomicBoolean(true);
        await().atMost(RETRY_MAX).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(RETRY_INTERVAL)
                .until(() -> {
                    if (!first.getAndSet(false)) {
                        retries.increment();
                    }
                    try {
                        JsonHttp.Response response = player.http().send("POST", url, body);
                        if (response.status() >= 500) {
                            return false;
                        }
                        String status = response.body().path("status").asText();
                        if (response.status() == 200 && (status.equals("placing") || status.equals("pending"))) {
                            unfinishedReplays.increment();
                            return false;
                        }
                        answer.set(response);
                        return true;
                    } catch (IOException brokenOrRefused) {
                        return false;
                    }
                });
        record(slip, answer.get());
    }

    private void record(Slip slip, JsonHttp.Response response) {
        JsonNode bet = response.body();
        Answer answer;
        if ((response.status() == 201 || response.status() == 200) && "open".equals(bet.path("status").asText())) {
            if (response.status() == 200) {
                replays.increment();
            }
            BigDecimal odds = bet.path("legs").path(0).path("odds").decimalValue();
            if (odds.compareTo(slip.odds()) != 0 || bet.path("stakeMinor").asLong() != slip.stakeMinor()) {
                problems.add(slip + " was taken as " + response.text());
            }
            answer = new Answer(slip, bet.path("id").asText(), null);
        } else if (response.status() == 422 && CRASH_REFUSALS.contains(bet.path("code").asText())) {
            answer = new Answer(slip, null, bet.path("code").asText());
        } else {
            problems.add(slip.key() + " answered " + response.status() + ": " + response.text());
            return;
        }
        if (answers.putIfAbsent(slip.key(), answer) != null) {
            problems.add(slip.key() + " answered twice");
        }
        answered.incrementAndGet();
    }

    private static Map<String, Object> body(Slip slip) {
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("eventId", slip.event());
        selection.put("marketTypeId", MATCH_RESULT);
        selection.put("specifiers", "");
        selection.put("outcomeId", slip.outcome());
        selection.put("odds", slip.odds());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", slip.key());
        body.put("type", "single");
        body.put("stakeMinor", slip.stakeMinor());
        body.put("oddsPolicy", "any");
        body.put("selections", List.of(selection));
        return body;
    }

    private static Slip randomSlip(AtomicLong sequence) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> events = new ArrayList<>(otherEvents);
        events.add(settledEvent);
        String event = events.get(random.nextInt(events.size()));
        List<String> outcomes = new ArrayList<>(new TreeMap<>(oddsOfEvent.get(event)).keySet());
        String outcome = outcomes.get(random.nextInt(outcomes.size()));
        return new Slip("crash-" + sequence.getAndIncrement(), random.nextInt(PLAYERS), event, outcome,
                oddsOfEvent.get(event).get(outcome), randomStake());
    }

    private static long randomStake() {
        return ThreadLocalRandom.current().nextLong(STAKE_MIN_MINOR, STAKE_MAX_MINOR + 1);
    }

    private void awaitMoreAnswered() {
        long target = answered.get()
                + ThreadLocalRandom.current().nextInt(ANSWERS_BETWEEN_KILLS_MIN, ANSWERS_BETWEEN_KILLS_MAX + 1);
        await().atMost(PROGRESS_MAX).until(() -> answered.get() >= target || !problems.isEmpty());
        assertEquals(List.of(), List.copyOf(problems), "unexpected answers");
    }

    /** Waits until the sweeper has resolved every bet a crash left between two steps. */
    private static void awaitNothingHalfDone() {
        await().atMost(PLACING_TIMEOUT.plus(WAIT)).pollInterval(Duration.ofMillis(500)).until(() -> count(
                "SELECT count(*) FROM sportsbook.bets WHERE status IN ('placing', 'pending') OR stake_state = "
                        + "'reserved'") == 0);
    }

    // ---- settling

    /**
     * Bets the wallet paid whose settlement is not recorded yet: their batch is between its wallet requests and its
     * commit, the moment a crash must not turn into a second payout.
     */
    private static final String PAID_NOT_RECORDED = "SELECT count(*) FROM sportsbook.bets b WHERE b.status = 'open' "
            + "AND EXISTS (SELECT 1 FROM wallet.transfers t WHERE t.reference = b.id::text AND t.type = 'win')";

    /**
     * Waits a moment for a batch to be caught between its payouts and its commit, so the kill lands there; a kill
     * a little later (the batch committed first) is still a kill during the job.
     */
    private static void awaitPaidNotRecorded() throws SQLException {
        try (Connection db = database()) {
            await().atMost(PAID_WINDOW_MAX).pollInSameThread().pollInterval(PAID_POLL)
                    .until(() -> count(db, PAID_NOT_RECORDED) > 0);
        } catch (ConditionTimeoutException notCaught) {
            // Killed wherever the job is now.
        }
    }

    private static long openOnSettledMarket() throws SQLException {
        return count("SELECT count(*) FROM sportsbook.bets b WHERE b.status = 'open' AND EXISTS (SELECT 1 FROM "
                + "sportsbook.bet_legs l WHERE l.bet_id = b.id AND l.event_id = '" + settledEvent + "')");
    }

    /** A settlement job's parts as ops see them. */
    private record Jobs(List<JsonNode> views) {

        long betsDone() {
            return views.stream().mapToLong(job -> job.path("betsDone").asLong()).sum();
        }

        boolean done() {
            return !views.isEmpty() && views.stream().allMatch(job -> !job.path("doneAt").isNull()
                    && !job.path("doneAt").isMissingNode());
        }
    }

    private static Jobs jobs() throws IOException, InterruptedException {
        List<JsonNode> views = new ArrayList<>();
        ops.get(cell.baseUrl() + "/api/bets/settlement-jobs?event=" + settledEvent).forEach(views::add);
        return new Jobs(views);
    }

    /**
     * Waits until the job has settled more than {@code doneBefore} bets and not all: the moment to kill the cell. Null
     * when the job finished first (which fails the test for the first kill: the crash would have tested nothing).
     */
    private static Jobs awaitJobRunning(long doneBefore, boolean required) {
        AtomicReference<Jobs> seen = new AtomicReference<>();
        await().atMost(SETTLEMENT_MAX).pollInSameThread().pollInterval(JOB_POLL).until(() -> {
            Jobs jobs = jobs();
            seen.set(jobs);
            return jobs.done() || jobs.betsDone() > doneBefore;
        });
        if (seen.get().done()) {
            if (required) {
                fail("the settlement finished before the cell could be killed during it: " + seen.get().views());
            }
            return null;
        }
        return seen.get();
    }

    // ---- what must hold

    /** A bet as stored, with its one leg. */
    private record StoredBet(String id, String key, String playerId, String status, String reason, String stakeState,
            long stakeMinor, long cashAccount, long paidMinor, String event, String outcome, BigDecimal odds,
            Instant updatedAt, boolean stakeInGgr, String stakeSweep) {
    }

    /** A stake sweep: the settled stakes of many bets moved to the GGR in one transfer. */
    private record Sweep(String id, long amountMinor, int bets, String status) {
    }

    /** A wallet transfer. */
    private record Movement(String requestKey, String type, String reference, long amountMinor, String status,
            long debit, long credit) {
    }

    /** Every breach of the rules below, and a failed wallet audit, fails the test, the first few listed. */
    private static void assertConsistent() throws Exception {
        List<String> breaches = breaches();
        JsonNode audit = wallet.audit();
        if (!audit.path("passed").asBoolean()) {
            breaches.add(0, "the wallet auditor failed: " + audit);
        }
        if (!breaches.isEmpty()) {
            fail(breaches.size() + " breaches, the first ones:\n  " + String.join("\n  ",
                    breaches.subList(0, Math.min(BREACHES_SHOWN_MAX, breaches.size()))));
        }
    }

    /**
     * The players' answers against the bets and the wallet: every bet acknowledged open stands (open, or settled once
     * its market is), a refused one is absent or rejected; an open or settled bet has exactly one posted stake of its
     * amount from the player's cash, a rejected one none posted and none held; a settled bet's stake reached the GGR
     * once (on its own, or in a stake sweep: each sweep moved its amount once, and the sweeps together moved exactly
     * the stakes of the settled bets) and a winner was paid its stake times its odds (rounded down) once; nothing
     * moved for a bet nobody placed, no reservation is left held, and each balance is what all that adds up to.
     */
    private static List<String> breaches() throws Exception {
        List<String> breaches = new ArrayList<>();
        Map<String, StoredBet> bets = new HashMap<>();
        Map<String, List<Movement>> byReference = new HashMap<>();
        Map<String, Sweep> sweeps = new HashMap<>();
        Map<String, Long> house = new HashMap<>();
        Map<Long, long[]> balances = new HashMap<>();
        try (Connection db = database()) {
            query(db, "SELECT b.id, b.placement_key, b.player_id, b.status, b.reason, b.stake_state, b.stake_minor, "
                    + "b.cash_account_id, b.paid_minor, l.event_id, l.outcome_id, l.odds, b.updated_at, "
                    + "b.stake_in_ggr, b.stake_sweep FROM sportsbook.bets b JOIN sportsbook.bet_legs l ON "
                    + "l.bet_id = b.id", row -> {
                        StoredBet bet = new StoredBet(row.getString(1), row.getString(2), row.getString(3),
                                row.getString(4), row.getString(5), row.getString(6), row.getLong(7), row.getLong(8),
                                row.getLong(9), row.getString(10), row.getString(11), row.getBigDecimal(12),
                                row.getTimestamp(13).toInstant(), row.getBoolean(14), row.getString(15));
                        if (bets.put(bet.key(), bet) != null) {
                            breaches.add("key " + bet.key() + " has two bets or legs");
                        }
                    });
            query(db, "SELECT request_key, type, reference, amount_minor, status, debit_account_id, "
                    + "credit_account_id FROM wallet.transfers WHERE type <> 'deposit'", row -> {
                        Movement movement = new Movement(row.getString(1), row.getString(2), row.getString(3),
                                row.getLong(4), row.getString(5), row.getLong(6), row.getLong(7));
                        byReference.computeIfAbsent(String.valueOf(movement.reference()), r -> new ArrayList<>())
                                .add(movement);
                    });
            query(db, "SELECT id, amount_minor, bets, status FROM sportsbook.stake_sweeps", row -> sweeps.put(
                    row.getString(1), new Sweep(row.getString(1), row.getLong(2), row.getInt(3), row.getString(4))));
            query(db, "SELECT id, kind, player_id, balance_minor, pending_debits_minor FROM wallet.accounts WHERE "
                    + "brand = '" + BRAND + "'", row -> {
                        if (row.getString(3) == null) {
                            house.put(row.getString(2), row.getLong(1));
                        }
                        balances.put(row.getLong(1), new long[] {row.getLong(4), row.getLong(5)});
                    });
            long held = count(db, "SELECT count(*) FROM wallet.transfers WHERE status = 'pending'");
            if (held > 0) {
                breaches.add(held + " reservations still held");
            }
        }
        long stakesHeld = house.getOrDefault("stakes_held", -1L);
        long ggr = house.getOrDefault("sportsbook_ggr", -2L);

        Map<String, Long> expectedCash = new HashMap<>();
        players.forEach(player -> expectedCash.put(player.id(), DEPOSIT_MINOR));
        long expectedHeld = 0;
        long expectedGgr = 0;
        for (Answer answer : answers.values()) {
            Slip slip = answer.slip();
            StoredBet bet = bets.get(slip.key());
            if (!answer.open()) {
                if (bet != null && !bet.status().equals("rejected")) {
                    breaches.add("refused " + slip.key() + " (" + answer.code() + ") has bet " + bet);
                }
                continue;
            }
            String playerId = players.get(slip.player()).id();
            boolean settled = settledEvents.contains(slip.event());
            long payout = settled && slip.outcome().equals(WINNER) ? payout(slip) : 0;
            expectedCash.merge(playerId, payout - slip.stakeMinor(), Long::sum);
            if (settled) {
                expectedGgr += slip.stakeMinor() - payout;
            } else {
                expectedHeld += slip.stakeMinor();
            }
            if (bet == null) {
                breaches.add("acknowledged bet " + answer.betId() + " (" + slip.key() + ") is missing");
            } else if (!bet.id().equals(answer.betId()) || !bet.playerId().equals(playerId)
                    || bet.stakeMinor() != slip.stakeMinor() || !bet.event().equals(slip.event())
                    || !bet.outcome().equals(slip.outcome()) || bet.odds().compareTo(slip.odds()) != 0) {
                breaches.add("acknowledged bet " + answer.betId() + " of " + slip + " is stored as " + bet);
            } else if (!bet.status().equals(settled ? "settled" : "open")) {
                breaches.add("acknowledged bet " + bet.id() + " is " + bet.status() + " " + bet.reason());
            } else if (bet.paidMinor() != payout) {
                breaches.add("bet " + bet.id() + " says it paid " + bet.paidMinor() + ", not " + payout);
            }
        }

        // Each sweep moved its amount once. A finished sweep forgets its bets, so the sweeps are checked against the
        // settled bets as a whole below: together they moved the stakes of every settled bet not moved on its own.
        long sweptMinor = 0;
        long sweptBets = 0;
        for (Sweep sweep : sweeps.values()) {
            List<Movement> moves = byReference.getOrDefault(sweep.id(), List.of());
            byReference.remove(sweep.id());
            Movement expected = new Movement("stake-sweep:" + sweep.id(), "bets_settled", sweep.id(),
                    sweep.amountMinor(), "posted", stakesHeld, ggr);
            if (!sweep.status().equals("done") || !moves.equals(sweep.amountMinor() == 0 ? List.of()
                    : List.of(expected))) {
                breaches.add("stake sweep " + sweep + " moved " + moves);
            }
            sweptMinor += sweep.amountMinor();
            sweptBets += sweep.bets();
        }
        long toSweepMinor = 0;
        long toSweepBets = 0;

        for (StoredBet bet : bets.values()) {
            Answer answer = answers.get(bet.key());
            if (answer == null) {
                breaches.add("bet " + bet.id() + " of key " + bet.key() + " answered to nobody");
                continue;
            }
            List<Movement> moves = byReference.getOrDefault(bet.id(), List.of());
            byReference.remove(bet.id());
            boolean standing = bet.status().equals("open") || bet.status().equals("settled");
            List<Movement> stakes = moves.stream().filter(m -> m.type().equals("stake")).toList();
            List<Movement> posted = stakes.stream().filter(m -> m.status().equals("posted")).toList();
            if (standing) {
                Player player = players.get(answer.slip().player());
                if (stakes.size() != 1 || posted.size() != 1 || posted.get(0).amountMinor() != bet.stakeMinor()
                        || posted.get(0).debit() != player.cashAccount() || posted.get(0).credit() != stakesHeld
                        || !posted.get(0).requestKey().equals("bet:" + bet.id() + ":stake")) {
                    breaches.add(bet.status() + " bet " + bet.id() + " (stake " + bet.stakeMinor() + ") has stakes "
                            + stakes);
                }
            } else if (!posted.isEmpty() || stakes.stream().anyMatch(m -> m.status().equals("pending"))) {
                breaches.add(bet.status() + " bet " + bet.id() + " (" + bet.reason() + ", stake " + bet.stakeState()
                        + ", at " + bet.updatedAt() + ") has stakes " + stakes);
            }
            // A settled stake reaches the GGR once: on its own (bet_settled) or with other bets' stakes (a sweep).
            List<Movement> settling = moves.stream().filter(m -> !m.type().equals("stake")).toList();
            boolean settled = bet.status().equals("settled");
            long movedAlone = settling.stream().filter(m -> m.type().equals("bet_settled")).count();
            if (bet.stakeInGgr() != settled || bet.stakeSweep() != null || movedAlone > (settled ? 1 : 0)) {
                breaches.add(bet.status() + " bet " + bet.id() + " has its stake in the GGR: " + bet.stakeInGgr()
                        + " (sweep " + bet.stakeSweep() + ", moved alone " + movedAlone + " times)");
            }
            if (settled && movedAlone == 0) {
                toSweepMinor += bet.stakeMinor();
                toSweepBets++;
            }
            settling = settling.stream().filter(m -> !m.type().equals("bet_settled")).toList();
            long payout = settled && bet.outcome().equals(WINNER) ? payout(answer.slip()) : 0;
            List<Movement> expected = new ArrayList<>();
            if (payout > 0) {
                expected.add(new Movement(null, "win", bet.id(), payout, "posted", ggr, bet.cashAccount()));
            }
            List<Movement> actual = settling.stream().map(m -> new Movement(null, m.type(), m.reference(),
                    m.amountMinor(), m.status(), m.debit(), m.credit())).toList();
            if (!actual.equals(expected) || settling.stream().map(Movement::requestKey).distinct().count() > 1
                    || settling.stream().anyMatch(m -> !SETTLEMENT_KEY.matcher(m.requestKey()).matches())) {
                breaches.add(bet.status() + " bet " + bet.id() + " should have moved " + expected + " but moved "
                        + settling);
            }
        }
        if (sweptMinor != toSweepMinor || sweptBets != toSweepBets) {
            breaches.add("stake sweeps moved " + sweptMinor + " for " + sweptBets + " bets; the settled bets whose "
                    + "stakes were not moved on their own staked " + toSweepMinor + " in " + toSweepBets + " bets");
        }
        byReference.forEach((reference, moves) -> breaches.add("transfers of no bet (reference " + reference + "): "
                + moves));

        for (Player player : players) {
            long[] balance = balances.get(player.cashAccount());
            long expected = expectedCash.get(player.id());
            if (balance == null || balance[0] != expected || balance[1] != 0) {
                breaches.add("player " + player.id() + " has " + (balance == null ? "no account" : balance[0]
                        + " (held " + balance[1] + ")") + ", expected " + expected);
            }
        }
        checkBalance(breaches, "stakes_held", balances.get(stakesHeld), expectedHeld);
        checkBalance(breaches, "sportsbook_ggr", balances.get(ggr), expectedGgr);
        return breaches;
    }

    private static void checkBalance(List<String> breaches, String account, long[] balance, long expected) {
        long actual = balance == null ? 0 : balance[0];
        if (actual != expected) {
            breaches.add(account + " holds " + actual + ", expected " + expected);
        }
    }

    /** What a won single pays: its stake times its odds, rounded down to the minor unit. */
    private static long payout(Slip slip) {
        return BigDecimal.valueOf(slip.stakeMinor()).multiply(slip.odds()).setScale(0, RoundingMode.DOWN)
                .longValueExact();
    }

    // ---- set-up

    /** A new football event starting in 2031 with a 1x2 market at these odds, once the cell offers it. */
    private static String prematch(Map<String, BigDecimal> odds) throws Exception {
        String event = "sr:match:" + (800_000_000L + new Random().nextInt(100_000_000));
        List<FeedEvent.OutcomeOdds> outcomes = new ArrayList<>();
        new TreeMap<>(odds).forEach((outcome, price) -> outcomes.add(new FeedEvent.OutcomeOdds(outcome, price, true)));
        feed.publish(FeedEvent.FIXTURE_CHANGED, new FeedEvent.FixtureChanged(event, FOOTBALL, PREMATCH_PRODUCER,
                feed.next(), "fetched", START, null, null));
        feed.publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(event, FOOTBALL, PREMATCH_PRODUCER,
                feed.next(), null, new FeedEvent.EventStatus("not_started", 0, null, null, null),
                List.of(new FeedEvent.MarketOdds(MATCH_RESULT, "", "active", "available", null, outcomes))));
        await().atMost(WAIT).until(() -> {
            JsonHttp.Response page = http.send("GET", cell.baseUrl() + "/api/sportsbook/events/" + event, null);
            return page.status() == 200 && "active".equals(page.body().path("markets").path(0).path("status")
                    .asText());
        });
        oddsOfEvent.put(event, odds);
        return event;
    }

    private static void registerPlayers() throws Exception {
        long clearing = wallet.openHouseAccount(BRAND, "payments_clearing");
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<Callable<Player>> registrations = new ArrayList<>();
            for (int p = 0; p < PLAYERS; p++) {
                int n = p;
                registrations.add(() -> register(n, clearing));
            }
            for (Future<Player> player : pool.invokeAll(registrations)) {
                players.add(player.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Player register(int n, long clearing) throws Exception {
        String base = cell.baseUrl() + "/api/brands/" + BRAND;
        String email = "bettor" + n + "@crash.example";
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("email", email);
        application.put("username", "bettor" + n);
        application.put("password", PASSWORD);
        application.put("dateOfBirth", "1990-04-23");
        application.put("country", "GB");
        application.put("currency", CURRENCY);
        String id = http.send("POST", base + "/players", application).expect(201, "register " + email).path("id")
                .asText();
        String token = http.send("POST", base + "/login", Map.of("login", email, "password", PASSWORD))
                .expect(200, "login " + email).path("accessToken").asText();
        long cash = -1;
        for (JsonNode account : ops.get(cell.baseUrl() + "/api/wallet/accounts?brand=" + BRAND + "&playerId=" + id)) {
            if (account.path("kind").asText().equals("cash")) {
                cash = account.path("id").asLong();
            }
        }
        wallet.transferOrFail(new WalletRest.TransferBody("deposit-" + id, List.of(new WalletRest.Leg(clearing, cash,
                DEPOSIT_MINOR, CURRENCY, "deposit", "deposit " + id))));
        return new Player(id, http.withBearer(token), cash);
    }

    // ---- database

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(platform.postgres().jdbcUrl(platform.database(WalletPlatform.CELL)),
                platform.postgres().username(), platform.postgres().password());
    }

    private static void query(Connection db, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        AtomicLong count = new AtomicLong();
        query(db, sql, row -> count.set(row.getLong(1)));
        return count.get();
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = database()) {
            return count(db, sql);
        }
    }

    // ---- feed

    /** Publishes normalised feed events on {@code platform.feed}, as the control plane's adapter does. */
    private static final class Feed implements AutoCloseable {

        private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        private final ExchangeTap tap;
        /** The provider's timestamps, by which the cell orders what it applies per market: always rising. */
        private final AtomicLong generatedAt = new AtomicLong(System.currentTimeMillis());

        private Feed(ExchangeTap tap) {
            this.tap = tap;
        }

        static Feed open() throws IOException {
            return new Feed(ExchangeTap.open(TestInfrastructure.broker().url(), Exchanges.PLATFORM_FEED, List.of(),
                    delivery -> { }));
        }

        long next() {
            return generatedAt.incrementAndGet();
        }

        void publish(String type, Object payload) throws IOException {
            String id = UUID.randomUUID().toString();
            ObjectNode envelope = json.createObjectNode();
            envelope.put("id", id);
            envelope.put("correlationId", id);
            envelope.put("type", type);
            envelope.put("schemaVersion", FeedEvent.SCHEMA_VERSION);
            envelope.put("source", "control-plane");
            envelope.put("occurredAt", Instant.now().toString());
            envelope.set("payload", json.valueToTree(payload));
            tap.publish(FeedEvent.routingKey(type, FOOTBALL), json.writeValueAsBytes(envelope));
        }

        @Override
        public void close() throws IOException {
            tap.close();
        }
    }
}
