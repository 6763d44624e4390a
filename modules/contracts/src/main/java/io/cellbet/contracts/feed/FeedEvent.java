package io.cellbet.contracts.feed;

import java.math.BigDecimal;
import java.util.List;

/**
 * Normalised feed events, provider hub to every cell on {@code platform.feed} (routing key
 * {@code feed.<type>.<sportId>}, aggregate {@code sport-event} / the event's URN). Codes of the provider's protocol
 * become names here; ids (event URNs, market type ids, specifiers, outcome ids) stay the provider's, and
 * {@code generatedAt} is the provider's timestamp (epoch ms), by which cells order what they apply per market.
 */
public final class FeedEvent {

    public static final int SCHEMA_VERSION = 1;
    public static final String AGGREGATE_TYPE = "sport-event";

    public static final String ODDS_CHANGED = "OddsChanged";
    public static final String BETS_STOPPED = "BetsStopped";
    public static final String MARKETS_SETTLED = "MarketsSettled";
    public static final String BETS_CANCELLED = "BetsCancelled";
    public static final String SETTLEMENT_ROLLED_BACK = "SettlementRolledBack";
    public static final String CANCEL_ROLLED_BACK = "CancelRolledBack";
    public static final String FIXTURE_CHANGED = "FixtureChanged";
    public static final String PRODUCER_DOWN = "ProducerDown";
    public static final String PRODUCER_UP = "ProducerUp";
    /** The aggregate of producer events, and the sport id in their routing keys (all sports). */
    public static final String PRODUCER_AGGREGATE_TYPE = "feed-producer";
    public static final int ALL_SPORTS = 0;

    private FeedEvent() {
    }

    /** {@code feed.<type>.<sportId>}, so a cell can bind to everything or to one sport. */
    public static String routingKey(String type, int sportId) {
        return "feed." + type + "." + sportId;
    }

    /** A market's identity: type id plus specifiers ("" for none). */
    public record MarketKey(int typeId, String specifiers) {
    }

    /**
     * The event's state. {@code status}: not_started, live, suspended, ended, closed, cancelled, delayed,
     * interrupted, postponed, abandoned.
     */
    public record EventStatus(String status, Integer matchStatus, BigDecimal homeScore, BigDecimal awayScore,
            String matchTime) {
    }

    /**
     * A market's odds. {@code status}: active, inactive, suspended, handed_over, settled, cancelled;
     * {@code cashout}: available, unavailable, closed, or null when the provider did not say.
     */
    public record MarketOdds(int typeId, String specifiers, String status, String cashout, Long nextBetstopAt,
            List<OutcomeOdds> outcomes) {
    }

    /** Decimal odds (null when the provider sent none: an inactive outcome). */
    public record OutcomeOdds(String id, BigDecimal odds, Boolean active) {
    }

    public record OddsChanged(String eventId, int sportId, int producer, long generatedAt, Long recoveryRequestId,
            EventStatus status, List<MarketOdds> markets) {
    }

    /** Markets of the named groups ({@code all}, or group names) stop taking bets now; they become {@code marketStatus}. */
    public record BetsStopped(String eventId, int producer, long generatedAt, List<String> groups,
            String marketStatus) {
    }

    /** {@code result}: won or lost; factors as the provider sent them (null when absent). */
    public record SettledOutcome(String id, String result, BigDecimal voidFactor, BigDecimal deadHeatFactor) {
    }

    public record SettledMarket(int typeId, String specifiers, Integer voidReason, List<SettledOutcome> outcomes) {
    }

    /** {@code certainty}: scouted, confirmed, or null when absent. */
    public record MarketsSettled(String eventId, int producer, long generatedAt, String certainty,
            List<SettledMarket> markets) {
    }

    public record CancelledMarket(int typeId, String specifiers, Integer voidReason) {
    }

    /** Bets placed from {@code placedFrom} (null: since the market opened) to {@code placedTo} (null: until now). */
    public record BetsCancelled(String eventId, int producer, long generatedAt, Long placedFrom, Long placedTo,
            String supersededBy, List<CancelledMarket> markets) {
    }

    public record SettlementRolledBack(String eventId, int producer, long generatedAt, List<MarketKey> markets) {
    }

    public record CancelRolledBack(String eventId, int producer, long generatedAt, Long placedFrom, Long placedTo,
            List<MarketKey> markets) {
    }

    /**
     * The producer's odds can no longer be trusted ({@code reason}: alive_missing, unsubscribed, ...): suspend every
     * market it provides until {@link ProducerUp}.
     */
    public record ProducerDown(int producer, String reason, long at) {
    }

    /** The producer recovered (its recovery request completed): its markets follow the feed again. */
    public record ProducerUp(int producer, long recoveryRequestId, long at) {
    }

    /**
     * An event's fixture. {@code change}: created, start_time, cancelled, format, coverage (from the feed's
     * {@code fixture_change}), or {@code fetched} when the control plane read the fixture from the provider's Sports
     * API; {@code fixture} carries the names (sport, category, tournament, competitors) and is null when only the
     * feed spoke.
     */
    public record FixtureChanged(String eventId, int sportId, int producer, long generatedAt, String change,
            Long startTime, Long nextLiveTime, Fixture fixture) {
    }

    /** What the Sports API says of an event: where it belongs and who plays. */
    public record Fixture(String sportName, Ref category, Ref tournament, List<Competitor> competitors) {
    }

    /** A named thing of the provider (category, tournament), by its URN. */
    public record Ref(String id, String name) {
    }

    /** {@code qualifier}: home or away. */
    public record Competitor(String id, String name, String qualifier) {
    }
}
