package io.cellbet.sportsbook.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * What changed in one event of the catalog, as every replica of the cell hears it on {@code cell.live} and pushes it
 * to its websocket clients: the event's score (when it changed) and the whole state of each market that changed, so
 * a later change of a market supersedes an earlier one and a slow client can be sent only the latest.
 *
 * @param seq the event's change counter after this change: 1, 2, 3, ... per event, never reused
 * @param ts  the provider's timestamp of the change (epoch ms), the start of the change-to-client latency
 */
public record EventChanged(String eventId, int sportId, long seq, long ts, Score score, List<MarketState> markets) {

    public static final String TYPE = "EventChanged";
    public static final int SCHEMA_VERSION = 1;

    public EventChanged {
        markets = markets == null ? List.of() : List.copyOf(markets);
    }

    /** The event's status and score as the feed last said ({@code status}: not_started, live, ended, ...). */
    public record Score(String status, BigDecimal home, BigDecimal away, String matchTime) {
    }

    /**
     * A market as a player may see it. {@code status}: active, suspended, inactive, handed_over, settled, cancelled;
     * suspended also while the market's producer is down.
     */
    public record MarketState(int typeId, String specifiers, String status, List<OutcomeState> outcomes) {

        public MarketState {
            outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        }

        /** The market's key in subscriptions and disabled lists: {@code <eventId>/<typeId>/<specifiers>}. */
        public static String key(String eventId, int typeId, String specifiers) {
            return eventId + "/" + typeId + "/" + specifiers;
        }
    }

    /** {@code result}: won, lost, or null before settlement. */
    public record OutcomeState(String id, BigDecimal odds, Boolean active, String result, BigDecimal voidFactor,
            BigDecimal deadHeatFactor) {
    }
}
