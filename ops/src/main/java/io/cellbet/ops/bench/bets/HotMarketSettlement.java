package io.cellbet.ops.bench.bets;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.ops.bench.AsyncPosts;
import io.cellbet.ops.bench.CpuTimes;
import io.cellbet.ops.bench.JsonHttp;
import io.cellbet.ops.bench.LoadResult;
import io.cellbet.ops.bench.OpenModelLoad;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Settlement of many bets on one market: singles on one prematch event's market, a third on each outcome, placed as
 * fast as the cell takes them (a fixed number outstanding), then the market's result on the feed, timed from the
 * publish until the cell's settlement job (every part of it) is done. The placement says, on the side, how many bets
 * per second one hot market takes: each bet raises the same market and event exposure rows.
 */
final class HotMarketSettlement {

    /**
     * Prices of the settle market, lower than the ladder's: with the bets spread evenly, the market's liability
     * (about 60 minor units a bet) stays below the built-in market cap of 100,000.00 up to 166,000 bets of 1.00,
     * where the ladder's prices would reach it at 90,000.
     */
    static final List<MarketFeed.Price> PRICES = List.of(new MarketFeed.Price("1", "1.50"),
            new MarketFeed.Price("2", "1.60"), new MarketFeed.Price("3", "1.70"));
    static final String WINNER = PRICES.get(0).outcomeId();
    /** An arrival rate no cell reaches: the placements then go as fast as the outstanding ones end. */
    static final double AS_FAST_AS_TAKEN_PER_S = 1e9;
    private static final long POLL_MS = 100;

    /**
     * What the run measured.
     *
     * @param placement       the placements (their latencies count from the start: only counts and rate mean anything)
     * @param answers         how the cell answered the placements
     * @param jobWrittenS     from the publish of the result until the cell wrote the settlement job
     * @param settleS         from the publish of the result until the job's last part was done
     * @param betsSettled     bets the job went through
     * @param parts           parts of the job (the cell's settlement workers)
     * @param sampleBet       a winning bet after settlement, as {@code GET /api/bets/{id}} shows it (null if none)
     * @param placementCpu    CPU used while the bets were placed
     * @param settlementCpu   CPU used from the publish of the result until the job was seen done
     */
    record Result(LoadResult placement, Answers answers, double jobWrittenS, double settleS, long betsSettled,
            int parts, JsonNode sampleBet, CpuTimes placementCpu, CpuTimes settlementCpu) {

        long placed() {
            return placement.completed();
        }

        double settledPerSecond() {
            return settleS <= 0 ? 0 : betsSettled / settleS;
        }
    }

    private final Bettors bettors;
    private final AsyncPosts posts;
    private final MarketFeed feed;
    private final JsonHttp ops;
    private final String cellBaseUrl;
    private final Supplier<CpuTimes> cpu;

    HotMarketSettlement(Bettors bettors, AsyncPosts posts, MarketFeed feed, JsonHttp ops, String cellBaseUrl,
            Supplier<CpuTimes> cpu) {
        this.bettors = bettors;
        this.posts = posts;
        this.feed = feed;
        this.ops = ops;
        this.cellBaseUrl = cellBaseUrl;
        this.cpu = cpu;
    }

    /**
     * Puts {@code eventId}'s market on sale, places {@code count} singles on it, at most {@code clients} at once, then
     * settles the market and waits (at most {@code timeout}) until the cell has settled them.
     */
    Result run(String eventId, int count, int clients, long stakeMinor, String keyPrefix, Duration timeout)
            throws Exception {
        feed.offerPrematch(eventId, PRICES);
        MarketFeed.awaitOnSale(ops, cellBaseUrl, List.of(eventId), BetsScenario.ON_SALE_WAIT_MAX);
        Answers answers = new Answers();
        AtomicReference<String> winningBet = new AtomicReference<>();
        CpuTimes beforePlacement = cpu.get();
        LoadResult placement = OpenModelLoad.builder().ratePerSecond(AS_FAST_AS_TAKEN_PER_S).count(count)
                .workers(clients).build()
                .runAsync(index -> place(eventId, index, stakeMinor, keyPrefix, answers, winningBet));
        if (placement.completed() == 0) {
            throw new IllegalStateException("The cell took none of the " + count + " bets on " + eventId + ": "
                    + answers.counts() + " " + placement.errorSamples());
        }
        CpuTimes afterPlacement = cpu.get();
        Instant published = Instant.now();
        feed.settle(eventId, PRICES, WINNER);
        List<JsonNode> parts = awaitSettled(eventId, timeout);
        CpuTimes settlementCpu = cpu.get().since(afterPlacement);
        Instant written = published;
        Instant done = published;
        long betsSettled = 0;
        for (JsonNode part : parts) {
            written = max(written, instant(part.path("createdAt")));
            done = max(done, instant(part.path("doneAt")));
            betsSettled += part.path("betsDone").asLong();
        }
        JsonNode sample = winningBet.get() == null ? null
                : ops.get(cellBaseUrl + "/api/bets/" + ops.mapper().readTree(winningBet.get()).path("id").asText());
        return new Result(placement, answers, seconds(published, written), seconds(published, done), betsSettled,
                parts.size(), sample, afterPlacement.since(beforePlacement), settlementCpu);
    }

    /** Bet {@code index}: the next bettor in turn, on the outcomes in turn. */
    private CompletionStage<?> place(String eventId, long index, long stakeMinor, String keyPrefix, Answers answers,
            AtomicReference<String> winningBet) throws IOException {
        MarketFeed.Price price = PRICES.get((int) (index % PRICES.size()));
        Map<String, Object> slip = BetMix.slip(keyPrefix + index, BetMix.Kind.SINGLE, stakeMinor,
                List.of(BetMix.selection(eventId, price)));
        Bettors.Bettor bettor = bettors.get((int) (index % bettors.size()));
        return bettors.place(posts, bettor, slip).handle((answer, failure) -> {
            String label = answers.record(answer, failure);
            if (answer != null && answer.status() == 201 && price.outcomeId().equals(WINNER)) {
                winningBet.compareAndSet(null, answer.body());
            }
            return Answers.orFail(label, "bet " + keyPrefix + index, failure);
        });
    }

    /** Polls the event's settlement jobs until every part of the settle job is done; returns the parts. */
    private List<JsonNode> awaitSettled(String eventId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> parts = new ArrayList<>();
            for (JsonNode job : ops.get(cellBaseUrl + "/api/bets/settlement-jobs?event=" + eventId)) {
                if ("settle".equals(job.path("kind").asText())) {
                    parts.add(job);
                }
            }
            if (!parts.isEmpty() && parts.size() >= parts.get(0).path("parts").asInt()
                    && parts.stream().allMatch(part -> !part.path("doneAt").isNull()
                            && !part.path("doneAt").isMissingNode())) {
                return parts;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The cell had not settled " + eventId + " within "
                        + timeout.toSeconds() + " s; its jobs: " + parts);
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** An instant as the cell's JSON writes it: ISO-8601 text, or epoch seconds with a fraction. */
    static Instant instant(JsonNode value) {
        if (value.isNumber()) {
            return Instant.ofEpochSecond(0, Math.round(value.asDouble() * 1e9));
        }
        return Instant.parse(value.asText());
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
