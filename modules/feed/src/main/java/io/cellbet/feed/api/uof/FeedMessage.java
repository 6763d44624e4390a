package io.cellbet.feed.api.uof;

import java.math.BigDecimal;
import java.util.List;

/**
 * One message of the odds provider's feed (see {@code odds-feed.md}), as the provider sent it: provider ids, codes
 * and epoch-millisecond times, not yet normalised. Optional attributes the provider may leave out are {@code null}.
 */
public sealed interface FeedMessage permits FeedMessage.EventMessage, FeedMessage.Alive, FeedMessage.SnapshotComplete {

    /** The producer: 1 live odds, 3 prematch, ... */
    int product();

    /** When the provider generated the message, epoch ms. */
    long timestamp();

    /** The root element's name, which is also the routing key's message type. */
    String type();

    /** A message about one sport event. */
    sealed interface EventMessage extends FeedMessage permits OddsChange, BetStop, BetSettlement, BetCancel,
            RollbackBetSettlement, RollbackBetCancel, FixtureChange {

        /** The event's URN, such as {@code sr:match:42}. */
        String eventId();

        /** Set when the message answers a recovery request. */
        Long requestId();
    }

    /** A market's identity: its type id plus its specifiers ({@code total=2.5}); "" when it has none. */
    record MarketRef(int id, String specifiers) {
    }

    // ---- odds_change

    record OddsChange(int product, String eventId, long timestamp, Long requestId, SportEventStatus status,
            Integer bettingStatus, Integer betstopReason, List<OddsMarket> markets) implements EventMessage {
        public static final String TYPE = "odds_change";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * The event's state: {@code status} 0 not started, 1 live, 2 suspended, 3 ended, 4 closed, 5 cancelled,
     * 6 delayed, 7 interrupted, 8 postponed, 9 abandoned. Scores are decimals in the protocol.
     */
    record SportEventStatus(int status, Integer matchStatus, BigDecimal homeScore, BigDecimal awayScore,
            String matchTime, List<PeriodScore> periodScores) {
    }

    record PeriodScore(int number, Integer matchStatusCode, BigDecimal homeScore, BigDecimal awayScore) {
    }

    /**
     * A market in an {@code odds_change}: {@code status} 1 active, 0 inactive, -1 suspended, -2 handed over, -3
     * settled, -4 cancelled; without outcomes it carries its status only. {@code cashoutStatus} 1 available, -1
     * unavailable, -2 closed.
     */
    record OddsMarket(int id, String specifiers, String extendedSpecifiers, int status, Integer cashoutStatus,
            Long nextBetstop, List<OddsOutcome> outcomes) {

        public MarketRef ref() {
            return new MarketRef(id, specifiers);
        }
    }

    /** An outcome with its decimal odds; odds are absent for an inactive outcome. Ids may be numbers or strings. */
    record OddsOutcome(String id, BigDecimal odds, BigDecimal probability, Boolean active) {
    }

    // ---- bet_stop

    /** Stop taking bets on a group of markets ({@code all}, or {@code |}-separated names) now. */
    record BetStop(int product, String eventId, long timestamp, Long requestId, String groups, int marketStatus)
            implements EventMessage {
        public static final String TYPE = "bet_stop";
        /** The market status a bet stop sets when it names none: suspended. */
        public static final int DEFAULT_MARKET_STATUS = -1;

        @Override
        public String type() {
            return TYPE;
        }
    }

    // ---- bet_settlement

    /** Results; {@code certainty} 1 live scouted, 2 confirmed, often absent in practice. */
    record BetSettlement(int product, String eventId, long timestamp, Long requestId, Integer certainty,
            List<SettledMarket> markets) implements EventMessage {
        public static final String TYPE = "bet_settlement";

        @Override
        public String type() {
            return TYPE;
        }
    }

    record SettledMarket(int id, String specifiers, Integer voidReason, List<SettledOutcome> outcomes) {

        public MarketRef ref() {
            return new MarketRef(id, specifiers);
        }
    }

    /**
     * {@code result} 1 won, 0 lost; {@code voidFactor} the share of the stake refunded (the rest settled by the
     * result); {@code deadHeatFactor} multiplies a winning stake.
     */
    record SettledOutcome(String id, int result, BigDecimal voidFactor, BigDecimal deadHeatFactor) {
    }

    // ---- bet_cancel and the rollbacks

    /**
     * Void the bets on these markets placed between {@code startTime} (absent: since the market was created) and
     * {@code endTime} (absent: until now).
     */
    record BetCancel(int product, String eventId, long timestamp, Long requestId, Long startTime, Long endTime,
            String supercededBy, List<CancelledMarket> markets) implements EventMessage {
        public static final String TYPE = "bet_cancel";

        @Override
        public String type() {
            return TYPE;
        }
    }

    record CancelledMarket(int id, String specifiers, Integer voidReason) {

        public MarketRef ref() {
            return new MarketRef(id, specifiers);
        }
    }

    record RollbackBetSettlement(int product, String eventId, long timestamp, Long requestId, List<MarketRef> markets)
            implements EventMessage {
        public static final String TYPE = "rollback_bet_settlement";

        @Override
        public String type() {
            return TYPE;
        }
    }

    record RollbackBetCancel(int product, String eventId, long timestamp, Long requestId, Long startTime,
            Long endTime, List<MarketRef> markets) implements EventMessage {
        public static final String TYPE = "rollback_bet_cancel";

        @Override
        public String type() {
            return TYPE;
        }
    }

    // ---- fixture_change

    /** {@code changeType} 1 new, 2 start time, 3 cancelled, 4 format, 5 coverage. */
    record FixtureChange(int product, String eventId, long timestamp, Long requestId, Integer changeType,
            Long startTime, Long nextLiveTime) implements EventMessage {
        public static final String TYPE = "fixture_change";

        @Override
        public String type() {
            return TYPE;
        }
    }

    // ---- system messages

    /** The producer's heartbeat; {@code subscribed} false means it lost our subscription: recover. */
    record Alive(int product, long timestamp, boolean subscribed) implements FeedMessage {
        public static final String TYPE = "alive";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** The recovery request {@code requestId} has been answered in full. */
    record SnapshotComplete(int product, long timestamp, long requestId) implements FeedMessage {
        public static final String TYPE = "snapshot_complete";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
