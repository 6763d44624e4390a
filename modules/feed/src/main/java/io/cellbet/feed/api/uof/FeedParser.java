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
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one feed message (one AMQP body) with StAX. Tolerant where the provider is known to be loose (no
 * {@code certainty}, outcomes without odds, string outcome ids, attributes and elements this version does not know),
 * strict where a wrong value would move money or odds (a missing or malformed id, time or factor is an error naming
 * the attribute). DTDs and external entities are refused. Thread-safe.
 */
public final class FeedParser {

    /** The largest body accepted; a provider message is a few kilobytes, a full odds snapshot well under this. */
    public static final int BODY_BYTES_MAX = 4 * 1024 * 1024;

    private final XMLInputFactory factory;

    public FeedParser() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    public FeedMessage parse(byte[] body) throws FeedParseException {
        if (body == null || body.length == 0) {
            throw new FeedParseException("empty message body");
        }
        if (body.length > BODY_BYTES_MAX) {
            throw new FeedParseException("message body of " + body.length + " bytes exceeds " + BODY_BYTES_MAX);
        }
        Element root = read(body);
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

    /** Reads the body into a small element tree: attributes and child elements; text is not part of the protocol. */
    private Element read(byte[] body) throws FeedParseException {
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            Element root = null;
            List<Element> open = new ArrayList<>();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    Element element = new Element(reader.getLocalName());
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        element.attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.get(open.size() - 1).children.add(element);
                    }
                    open.add(element);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    open.remove(open.size() - 1);
                } else if (event == XMLStreamConstants.DTD) {
                    throw new FeedParseException("a DTD is not allowed in a feed message");
                }
            }
            if (root == null) {
                throw new FeedParseException("no root element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            throw new FeedParseException("not well-formed XML: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing is held open for a byte array.
                }
            }
        }
    }

    /** An element with its attributes and child elements. */
    private static final class Element {

        final String name;
        final Map<String, String> attributes = new HashMap<>();
        final List<Element> children = new ArrayList<>();

        Element(String name) {
            this.name = name;
        }

        Element child(String childName) {
            for (Element child : children) {
                if (child.name.equals(childName)) {
                    return child;
                }
            }
            return null;
        }

        List<Element> children(String childName) {
            List<Element> named = new ArrayList<>();
            for (Element child : children) {
                if (child.name.equals(childName)) {
                    named.add(child);
                }
            }
            return named;
        }

        Optional<String> optional(String attribute) {
            String value = attributes.get(attribute);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        String required(String attribute) throws FeedParseException {
            Optional<String> value = optional(attribute);
            if (value.isEmpty()) {
                throw new FeedParseException("<" + name + ">: attribute " + attribute + " is missing");
            }
            return value.get();
        }

        int intValue(String attribute) throws FeedParseException {
            String value = required(attribute);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw invalid(attribute, value, "a whole number");
            }
        }

        Integer optionalInt(String attribute) throws FeedParseException {
            return optional(attribute).isEmpty() ? null : intValue(attribute);
        }

        long longValue(String attribute) throws FeedParseException {
            String value = required(attribute);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw invalid(attribute, value, "a whole number");
            }
        }

        Long optionalLong(String attribute) throws FeedParseException {
            return optional(attribute).isEmpty() ? null : longValue(attribute);
        }

        BigDecimal optionalDecimal(String attribute) throws FeedParseException {
            Optional<String> value = optional(attribute);
            if (value.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(value.get());
            } catch (NumberFormatException e) {
                throw invalid(attribute, value.get(), "a decimal number");
            }
        }

        /** Decimal odds: at least 1. */
        BigDecimal optionalOdds(String attribute) throws FeedParseException {
            BigDecimal odds = optionalDecimal(attribute);
            if (odds != null && odds.compareTo(BigDecimal.ONE) < 0) {
                throw invalid(attribute, odds.toPlainString(), "decimal odds of at least 1");
            }
            return odds;
        }

        /** A void or dead-heat factor: above 0, at most 1. */
        BigDecimal optionalFactor(String attribute) throws FeedParseException {
            BigDecimal factor = optionalDecimal(attribute);
            if (factor != null && (factor.signum() <= 0 || factor.compareTo(BigDecimal.ONE) > 0)) {
                throw invalid(attribute, factor.toPlainString(), "a factor above 0 and at most 1");
            }
            return factor;
        }

        private FeedParseException invalid(String attribute, String value, String expected) {
            return new FeedParseException("<" + name + ">: attribute " + attribute + " must be " + expected + ", was '"
                    + value + "'");
        }
    }
}
