package io.cellbet.ops.bench.bets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cellbet.contracts.config.BetLimits;
import io.cellbet.ops.bench.AsyncPosts;
import io.cellbet.ops.bench.BatchStepMetrics;
import io.cellbet.ops.bench.BenchOptions;
import io.cellbet.ops.bench.BenchResult;
import io.cellbet.ops.bench.CpuTimes;
import io.cellbet.ops.bench.LoadResults;
import io.cellbet.ops.bench.RateSteps;
import io.cellbet.ops.bench.ScenarioOption;
import io.cellbet.ops.bench.Scenarios;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class BetsScenarioTest {

    private static final List<String> PREMATCH = MarketFeed.eventIds(1_000, 50);
    private static final List<String> LIVE = MarketFeed.eventIds(2_000, 5);

    @Test
    void isRegisteredUnderItsName() {
        assertTrue(Scenarios.all().find("bets").orElseThrow() instanceof BetsScenario);
    }

    @Test
    void defaultsClimbToTheGoalAtP99Of50MsAndSettle100kBets() {
        BetsScenario.Settings settings = BetsScenario.Settings.from(options(Map.of()));

        assertTrue(settings.rates().contains(2500.0));
        assertEquals(50.0, settings.p99TargetMs());
        assertEquals(100_000, settings.settleBets());
        assertTrue(settings.runs(BetsScenario.LADDER) && settings.runs(BetsScenario.SETTLE));
        // Warmed up as a busy cell runs, not at the first step's few bets a second.
        assertEquals(500.0, settings.warmUpRate());
    }

    @Test
    void acceptsAShortLadderAndFewSettleBetsForAQuickTry() {
        BetsScenario.Settings settings = BetsScenario.Settings.from(options(Map.of("rates", "20,50", "step-s", "5",
                "settle-bets", "2000", "only", "settle")));

        assertEquals(List.of(20.0, 50.0), settings.rates());
        assertEquals(Duration.ofSeconds(5), settings.step());
        assertEquals(2000, settings.settleBets());
        assertFalse(settings.runs(BetsScenario.LADDER));
    }

    @Test
    void rejectsBadOptions() {
        for (Map<String, String> bad : List.of(Map.of("only", "everything"), Map.of("rates", "50,20"),
                Map.of("accumulator-legs-max", "21"), Map.of("accumulator-legs-max", "1"), Map.of("live-events", "0"),
                Map.of("events", "3", "accumulator-legs-max", "4"), Map.of("settle-bets", "0"),
                Map.of("warmup-rate", "-1"))) {
            assertThrows(IllegalArgumentException.class, () -> BetsScenario.Settings.from(options(bad)), bad::toString);
        }
    }

    @Test
    void kindsLieEndToEndAsTheirShares() {
        assertEquals(BetMix.Kind.SINGLE, BetMix.kind(0.0));
        assertEquals(BetMix.Kind.SINGLE, BetMix.kind(0.6999));
        assertEquals(BetMix.Kind.ACCUMULATOR, BetMix.kind(0.70));
        assertEquals(BetMix.Kind.ACCUMULATOR, BetMix.kind(0.9499));
        assertEquals(BetMix.Kind.SYSTEM, BetMix.kind(0.95));
        assertEquals(BetMix.Kind.SYSTEM, BetMix.kind(0.9999));
    }

    @Test
    void drawnSlipsFollowTheMixOf70Singles25Accumulators5SystemsAnd10PercentLive() {
        BetMix mix = new BetMix(PREMATCH, LIVE, 4, 100);
        Random random = new Random(42);
        int count = 100_000;
        Map<String, Integer> byType = new LinkedHashMap<>();
        int live = 0;
        for (int i = 0; i < count; i++) {
            Map<String, Object> slip = mix.slip("k" + i, random);
            byType.merge((String) slip.get("type"), 1, Integer::sum);
            if (selections(slip).stream().anyMatch(selection -> LIVE.contains(selection.get("eventId")))) {
                live++;
            }
        }

        assertEquals(0.70, byType.get("single") / (double) count, 0.01);
        assertEquals(0.25, byType.get("accumulator") / (double) count, 0.01);
        assertEquals(0.05, byType.get("system") / (double) count, 0.005);
        assertEquals(0.10, live / (double) count, 0.005);
    }

    @Test
    void everySlipIsOneTheCellTakes() {
        BetMix mix = new BetMix(PREMATCH, LIVE, 4, 100);
        Random random = new Random(7);
        Map<BetMix.Kind, Set<Integer>> legCounts = new EnumMap<>(BetMix.Kind.class);
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> slip = mix.slip("key-" + i, random);
            List<Map<String, Object>> selections = selections(slip);
            BetMix.Kind kind = BetMix.Kind.valueOf(((String) slip.get("type")).toUpperCase(java.util.Locale.ROOT));
            legCounts.computeIfAbsent(kind, k -> new HashSet<>()).add(selections.size());

            assertEquals("key-" + i, slip.get("idempotencyKey"));
            assertEquals(100L, slip.get("stakeMinor"));
            assertEquals("any", slip.get("oddsPolicy"));
            assertEquals(kind == BetMix.Kind.SYSTEM ? "trixie" : null, slip.get("system"));
            Set<Object> events = new HashSet<>();
            long liveLegs = 0;
            for (Map<String, Object> selection : selections) {
                assertTrue(events.add(selection.get("eventId")), "one selection per event: " + slip);
                liveLegs += LIVE.contains(selection.get("eventId")) ? 1 : 0;
                assertEquals(1, selection.get("marketTypeId"));
                assertEquals("", selection.get("specifiers"));
                assertEquals(MarketFeed.OUTCOMES.stream().filter(price -> price.outcomeId().equals(
                        selection.get("outcomeId"))).findFirst().map(price -> new BigDecimal(price.odds()))
                        .orElseThrow(), selection.get("odds"));
            }
            assertTrue(liveLegs <= 1, "at most one live leg: " + slip);
        }

        assertEquals(Set.of(1), legCounts.get(BetMix.Kind.SINGLE));
        assertEquals(Set.of(2, 3, 4), legCounts.get(BetMix.Kind.ACCUMULATOR));
        assertEquals(Set.of(3), legCounts.get(BetMix.Kind.SYSTEM));
    }

    @Test
    void refusesAMixWithTooFewEventsForItsAccumulators() {
        assertThrows(IllegalArgumentException.class, () -> new BetMix(PREMATCH.subList(0, 3), LIVE, 4, 100));
        assertThrows(IllegalArgumentException.class, () -> new BetMix(PREMATCH, List.of(), 4, 100));
    }

    @Test
    void theSettleMarketStaysUnderTheBuiltInCapsWith100kBetsSpreadOverItsOutcomes() {
        BetLimits.Limits football = BetLimits.BUILT_IN.forSport(MarketFeed.SPORT_ID);
        long stake = 100;
        long market = 0;
        long[] outcomes = new long[HotMarketSettlement.PRICES.size()];
        for (int i = 0; i < 100_000; i++) {
            int outcome = i % outcomes.length;
            long liability = new BigDecimal(HotMarketSettlement.PRICES.get(outcome).odds())
                    .multiply(BigDecimal.valueOf(stake)).longValueExact() - stake;
            outcomes[outcome] += liability;
            market += liability;
        }

        assertTrue(market <= football.marketLiabilityCapMinor(), "market liability " + market);
        for (long outcome : outcomes) {
            assertTrue(outcome <= football.outcomeLiabilityCapMinor(), "outcome liability " + outcome);
        }
    }

    @Test
    void labelsAnswersByStatusAndRefusalCode() {
        assertEquals("201", Answers.label(201, "{\"id\":\"x\",\"status\":\"open\"}"));
        assertEquals("202", Answers.label(202, "{}"));
        assertEquals("422 LIABILITY_CAP", Answers.label(422, "{\"type\":\"about:blank\",\"status\":422,"
                + "\"code\": \"LIABILITY_CAP\",\"detail\":\"...\"}"));
        assertEquals("500", Answers.label(500, "Internal Server Error"));
    }

    @Test
    void aRefusalFailsItsRequestSoTheStepIsNotHeld() {
        Answers answers = new Answers();
        String placed = answers.record(new AsyncPosts.Answer(201, "{}"), null);
        String refused = answers.record(new AsyncPosts.Answer(422, "{\"code\":\"WALLET_BUSY\"}"), null);
        String missing = answers.record(null, new java.util.concurrent.TimeoutException());

        assertEquals("201", Answers.orFail(placed, "bet 1", null));
        assertThrows(IllegalStateException.class, () -> Answers.orFail(refused, "bet 2", null));
        assertThrows(CompletionException.class, () -> Answers.orFail(missing, "bet 3",
                new java.util.concurrent.TimeoutException()));
        assertEquals(Map.of("201", 1L, "422 WALLET_BUSY", 1L, Answers.NO_ANSWER, 1L), answers.counts());
        assertEquals(Map.of("422 WALLET_BUSY", 1L, Answers.NO_ANSWER, 1L), answers.refusals());
    }

    @Test
    void reportsTheHighestRateHeldWithItsP99AndTheRefusalsOfEveryStep() {
        BetsScenario.Settings settings = BetsScenario.Settings.from(options(Map.of()));
        RateSteps steps = new RateSteps(settings.p99TargetMs());
        steps.add(LoadResults.of(25, 25, 12_000, 0));
        steps.add(LoadResults.of(50, 50, 40_000, 0));
        steps.add(LoadResults.of(100, 99, 80_000, 0)); // p99 past 50 ms
        Answers refusing = new Answers();
        refusing.add("201");
        refusing.add("422 WALLET_BUSY");
        BenchResult.Builder result = BenchResult.builder("bets");

        BetsScenario.report(result, settings, steps, List.of(figures(new Answers()), figures(new Answers()),
                figures(refusing)));

        Map<String, Number> metrics = result.build().metrics();
        assertEquals(50.0, metrics.get("bets_per_s"));
        assertEquals(40.0, metrics.get("p99_ms").doubleValue(), 0.1);
        assertEquals(100.0, metrics.get("sustained_bets_per_s"));
        assertEquals(1L, metrics.get("refused"));
        assertEquals(2.5, metrics.get("cpu_ms_per_bet_cell"));
        assertEquals(0.25, metrics.get("cpu_ms_per_bet_load_generator"));
        assertEquals(Map.of("422 WALLET_BUSY", 1L), result.build().context().get("refusalsByReason"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) result.build().context().get("ladderSteps");
        assertEquals(3, rows.size());
        assertEquals(0.1, ((Map<?, ?>) rows.get(2).get("machineCores")).get("steal"));
        assertEquals(Map.of("batches", 120L, "meanSize", 24.5, "meanMs", 8.25, "busy", 0.99, "stepMs",
                Map.of("checks", 2.0, "write", 4.0, "commit", 2.25)),
                rows.get(2).get("betWriter"));
    }

    @Test
    void reportsNoRateWhenTheFirstStepIsNotHeld() {
        BetsScenario.Settings settings = BetsScenario.Settings.from(options(Map.of()));
        RateSteps steps = new RateSteps(settings.p99TargetMs());
        steps.add(LoadResults.of(25, 25, 70_000, 0));
        BenchResult.Builder result = BenchResult.builder("bets");

        BetsScenario.report(result, settings, steps, List.of(figures(new Answers())));

        assertEquals(0.0, result.build().metrics().get("bets_per_s"));
        assertEquals(70.0, result.build().metrics().get("p99_ms").doubleValue(), 0.1);
    }

    @Test
    void readsTheCellsInstantsAsTextOrEpochSeconds() {
        assertEquals(Instant.parse("2026-12-04T12:00:01.250Z"),
                HotMarketSettlement.instant(TextNode.valueOf("2026-12-04T12:00:01.250Z")));
        assertEquals(Instant.ofEpochSecond(1_700_000_000, 500_000_000),
                HotMarketSettlement.instant(DoubleNode.valueOf(1_700_000_000.5)));
    }

    private static BetsScenario.StepFigures figures(Answers answers) {
        return new BetsScenario.StepFigures(answers, new CpuTimes(Duration.ofMillis(250), Duration.ofMillis(300),
                Duration.ofMillis(25)).msPer(100), Map.of("busy", 1.5, "idle", 0.4, "iowait", 0.0, "steal", 0.1), 0,
                List.of(), Optional.of(new BatchStepMetrics.Busy(120, 24.5, 8.25, 0.99,
                Map.of("checks", 2.0, "write", 4.0, "commit", 2.25))));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> selections(Map<String, Object> slip) {
        return (List<Map<String, Object>>) slip.get("selections");
    }

    private static BenchOptions options(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ScenarioOption option : new BetsScenario().options()) {
            values.put(option.name(), option.defaultValue());
        }
        values.putAll(overrides);
        return BenchOptions.of(values);
    }
}
