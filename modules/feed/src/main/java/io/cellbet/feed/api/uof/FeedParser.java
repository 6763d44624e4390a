package io.cellbet.feed.api.uof;

import io.cellbet.feed.api.uof.FeedMessage.Alive;
import io.cellbet.feed.api.uof.FeedMessage.BetCancel;
import io.cellbet.feed.api.uof.FeedMessage.BetSettlement;
import io.cellbet.feed.api.uof.FeedMessage.BetStop;
import io.cellbet.feed.api.uof.FeedMessage.CancelledMarket;
import io.cellbet.feed.api.uof.FeedMessage.FixtureChange;
import io.cellbet.feed.api.uof.FeedMessage.MarketRef;
import io.cellbet.feed.api.uof.FeedMessage.OddsChange;
import io.cellbet.feed.api.uof.FeedMessage.OddsMarket;
import io.cellbet.feed.api.uof.FeedMessage.OddsOutcome;
import io.cellbet.feed.api.uof.FeedMessage.PeriodScore;
import io.cellbet.feed.api.uof.FeedMessage.RollbackBetCancel;
import io.cellbet.feed.api.uof.FeedMessage.RollbackBetSettlement;
import io.cellbet.feed.api.uof.FeedMessage.SettledMarket;
import io.cellbet.feed.api.uof.FeedMessage.SettledOutcome;
import io.cellbet.feed.api.uof.FeedMessage.SnapshotComplete;
import io.cellbet.feed.api.uof.FeedMessage.SportEventStatus;
import io.cellbet.feed.api.uof.XmlTree.Element;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one feed message (one AMQP body) with StAX. Tolerant where the provider is known to be loose (no
 * {@code certainty}, outcomes without odds, string outcome ids, attributes and elements this version does not know),
 * strict where a wrong value would move money or odds (a missing or malformed id, time or factor is an error naming
 * the attribute). DTDs and external entities are refused. Thread-safe.
 */
public final class FeedParser {

    /** The largest body accepted; a provider message is a few kilobytes, a full odds snapshot well under this. */
    public static final int BODY_BYTES_MAX = 4 * 1024 * 1024;

    private final XmlTree xml = new XmlTree("feed message");

    public FeedMessage parse(byte[] body) throws FeedParseException {
        if (body == null || body.length == 0) {
            throw new FeedParseException("empty message body");
        }
        if (body.length > BODY_BYTES_MAX) {
            throw new FeedParseException("message body of " + body.length + " bytes exceeds " + BODY_BYTES_MAX);
        }
        Element root = xml.read(body);
        switch (root.name) {
            case OddsChange.TYPE:
                return oddsChange(root);
            case BetStop.TYPE:
                return new BetStop(root.intValue("product"), root.required("event_id"), root.longValue("timestamp"),
                        root.optionalLong("request_id"), root.optional("groups").orElse("all"),
                        Optional.ofNullable(root.optionalInt("market_status")).orElse(BetStop.DEFAULT_MARKET_STATUS));
            case BetSettlement.TYPE:
                return betSettlement(root);
            case BetCancel.TYPE:
                return betCancel(root);
            case RollbackBetSettlement.TYPE:
                return new RollbackBetSettlement(root.intValue("product"), root.required("event_id"),
                        root.longValue("timestamp"), root.optionalLong("request_id"), marketRefs(root));
            case RollbackBetCancel.TYPE:
                return new RollbackBetCancel(root.intValue("product"), root.required("event_id"),
                        root.longValue("timestamp"), root.optionalLong("request_id"), root.optionalLong("start_time"),
                        root.optionalLong("end_time"), marketRefs(root));
            case FixtureChange.TYPE:
                return new FixtureChange(root.intValue("product"), root.required("event_id"),
                        root.longValue("timestamp"), root.optionalLong("request_id"), root.optionalInt("change_type"),
                        root.optionalLong("start_time"), root.optionalLong("next_live_time"));
            case Alive.TYPE:
                return new Alive(root.intValue("product"), root.longValue("timestamp"),
                        root.optionalInt("subscribed") == null || root.intValue("subscribed") != 0);
            case SnapshotComplete.TYPE:
                return new SnapshotComplete(root.intValue("product"), root.longValue("timestamp"),
                        root.longValue("request_id"));
            default:
                throw new FeedParseException("unknown message type <" + root.name + ">");
        }
    }

    private static OddsChange oddsChange(Element root) throws FeedParseException {
        SportEventStatus status = null;
        Element statusElement = root.child("sport_event_status");
        if (statusElement != null) {
            List<PeriodScore> periods = new ArrayList<>();
            Element periodScores = statusElement.child("period_scores");
            if (periodScores != null) {
                for (Element period : periodScores.children("period_score")) {
                    periods.add(new PeriodScore(period.intValue("number"), period.optionalInt("match_status_code"),
                            period.optionalDecimal("home_score"), period.optionalDecimal("away_score")));
                }
            }
            Element clock = statusElement.child("clock");
            status = new SportEventStatus(statusElement.intValue("status"), statusElement.optionalInt("match_status"),
                    statusElement.optionalDecimal("home_score"), statusElement.optionalDecimal("away_score"),
                    clock == null ? null : clock.optional("match_time").orElse(null), List.copyOf(periods));
        }
        Integer bettingStatus = null;
        Integer betstopReason = null;
        List<OddsMarket> markets = new ArrayList<>();
        Element odds = root.child("odds");
        if (odds != null) {
            bettingStatus = odds.optionalInt("betting_status");
            betstopReason = odds.optionalInt("betstop_reason");
            for (Element market : odds.children("market")) {
                List<OddsOutcome> outcomes = new ArrayList<>();
                for (Element outcome : market.children("outcome")) {
                    Integer active = outcome.optionalInt("active");
                    outcomes.add(new OddsOutcome(outcome.required("id"), outcome.optionalOdds("odds"),
                            outcome.optionalDecimal("probabilities"), active == null ? null : active == 1));
                }
                Element metadata = market.child("market_metadata");
                markets.add(new OddsMarket(market.intValue("id"), market.optional("specifiers").orElse(""),
                        market.optional("extended_specifiers").orElse(null), market.intValue("status"),
                        market.optionalInt("cashout_status"),
                        metadata == null ? null : metadata.optionalLong("next_betstop"), List.copyOf(outcomes)));
            }
        }
        return new OddsChange(root.intValue("product"), root.required("event_id"), root.longValue("timestamp"),
                root.optionalLong("request_id"), status, bettingStatus, betstopReason, List.copyOf(markets));
    }

    private static BetSettlement betSettlement(Element root) throws FeedParseException {
        List<SettledMarket> markets = new ArrayList<>();
        Element outcomes = root.child("outcomes");
        if (outcomes != null) {
            for (Element market : outcomes.children("market")) {
                List<SettledOutcome> settled = new ArrayList<>();
                for (Element outcome : market.children("outcome")) {
                    BigDecimal voidFactor = outcome.optionalFactor("void_factor");
                    BigDecimal deadHeat = outcome.optionalFactor("dead_heat_factor");
                    int result = outcome.intValue("result");
                    if (result != 0 && result != 1) {
                        throw new FeedParseException("outcome " + outcome.required("id") + ": result must be 0 or 1, was "
                                + result);
                    }
                    settled.add(new SettledOutcome(outcome.required("id"), result, voidFactor, deadHeat));
                }
                markets.add(new SettledMarket(market.intValue("id"), market.optional("specifiers").orElse(""),
                        market.optionalInt("void_reason"), List.copyOf(settled)));
            }
        }
        return new BetSettlement(root.intValue("product"), root.required("event_id"), root.longValue("timestamp"),
                root.optionalLong("request_id"), root.optionalInt("certainty"), List.copyOf(markets));
    }

    private static BetCancel betCancel(Element root) throws FeedParseException {
        List<CancelledMarket> markets = new ArrayList<>();
        for (Element market : root.children("market")) {
            markets.add(new CancelledMarket(market.intValue("id"), market.optional("specifiers").orElse(""),
                    market.optionalInt("void_reason")));
        }
        return new BetCancel(root.intValue("product"), root.required("event_id"), root.longValue("timestamp"),
                root.optionalLong("request_id"), root.optionalLong("start_time"), root.optionalLong("end_time"),
                root.optional("superceded_by").orElse(null), List.copyOf(markets));
    }

    private static List<MarketRef> marketRefs(Element root) throws FeedParseException {
        List<MarketRef> markets = new ArrayList<>();
        for (Element market : root.children("market")) {
            markets.add(new MarketRef(market.intValue("id"), market.optional("specifiers").orElse("")));
        }
        return List.copyOf(markets);
    }
}
