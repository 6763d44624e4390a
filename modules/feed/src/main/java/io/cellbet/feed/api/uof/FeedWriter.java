package io.cellbet.feed.api.uof;

import io.cellbet.feed.api.uof.FeedMessage.Alive;
import io.cellbet.feed.api.uof.FeedMessage.BetCancel;
import io.cellbet.feed.api.uof.FeedMessage.BetSettlement;
import io.cellbet.feed.api.uof.FeedMessage.BetStop;
import io.cellbet.feed.api.uof.FeedMessage.CancelledMarket;
import io.cellbet.feed.api.uof.FeedMessage.EventMessage;
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
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes feed messages as the provider sends them (UTF-8 XML, one message per body): what the provider simulator
 * publishes. {@link FeedParser} reads back exactly what this writes. Thread-safe.
 */
public final class FeedWriter {

    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    public byte[] write(FeedMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter xml = factory.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeStartElement(message.type());
            if (message instanceof EventMessage event) {
                attribute(xml, "product", message.product());
                attribute(xml, "event_id", event.eventId());
                attribute(xml, "timestamp", message.timestamp());
                attribute(xml, "request_id", event.requestId());
            }
            body(xml, message);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + message.type(), e);
        }
        return out.toByteArray();
    }

    private static void body(XMLStreamWriter xml, FeedMessage message) throws XMLStreamException {
        if (message instanceof OddsChange odds) {
            oddsChange(xml, odds);
        } else if (message instanceof BetStop stop) {
            attribute(xml, "groups", stop.groups());
            attribute(xml, "market_status", stop.marketStatus());
        } else if (message instanceof BetSettlement settlement) {
            attribute(xml, "certainty", settlement.certainty());
            xml.writeStartElement("outcomes");
            for (SettledMarket market : settlement.markets()) {
                xml.writeStartElement("market");
                marketIdentity(xml, market.id(), market.specifiers());
                attribute(xml, "void_reason", market.voidReason());
                for (SettledOutcome outcome : market.outcomes()) {
                    xml.writeEmptyElement("outcome");
                    attribute(xml, "id", outcome.id());
                    attribute(xml, "result", outcome.result());
                    attribute(xml, "void_factor", outcome.voidFactor());
                    attribute(xml, "dead_heat_factor", outcome.deadHeatFactor());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        } else if (message instanceof BetCancel cancel) {
            attribute(xml, "start_time", cancel.startTime());
            attribute(xml, "end_time", cancel.endTime());
            attribute(xml, "superceded_by", cancel.supercededBy());
            for (CancelledMarket market : cancel.markets()) {
                xml.writeEmptyElement("market");
                marketIdentity(xml, market.id(), market.specifiers());
                attribute(xml, "void_reason", market.voidReason());
            }
        } else if (message instanceof RollbackBetSettlement rollback) {
            marketRefs(xml, rollback.markets());
        } else if (message instanceof RollbackBetCancel rollback) {
            attribute(xml, "start_time", rollback.startTime());
            attribute(xml, "end_time", rollback.endTime());
            marketRefs(xml, rollback.markets());
        } else if (message instanceof FixtureChange fixture) {
            attribute(xml, "change_type", fixture.changeType());
            attribute(xml, "start_time", fixture.startTime());
            attribute(xml, "next_live_time", fixture.nextLiveTime());
        } else if (message instanceof Alive alive) {
            attribute(xml, "product", alive.product());
            attribute(xml, "timestamp", alive.timestamp());
            attribute(xml, "subscribed", alive.subscribed() ? 1 : 0);
        } else {
            SnapshotComplete complete = (SnapshotComplete) message;
            attribute(xml, "request_id", complete.requestId());
            attribute(xml, "product", complete.product());
            attribute(xml, "timestamp", complete.timestamp());
        }
    }

    private static void oddsChange(XMLStreamWriter xml, OddsChange odds) throws XMLStreamException {
        SportEventStatus status = odds.status();
        if (status != null) {
            xml.writeStartElement("sport_event_status");
            attribute(xml, "status", status.status());
            attribute(xml, "match_status", status.matchStatus());
            attribute(xml, "home_score", status.homeScore());
            attribute(xml, "away_score", status.awayScore());
            if (status.matchTime() != null) {
                xml.writeEmptyElement("clock");
                attribute(xml, "match_time", status.matchTime());
            }
            if (!status.periodScores().isEmpty()) {
                xml.writeStartElement("period_scores");
                for (PeriodScore period : status.periodScores()) {
                    xml.writeEmptyElement("period_score");
                    attribute(xml, "number", period.number());
                    attribute(xml, "match_status_code", period.matchStatusCode());
                    attribute(xml, "home_score", period.homeScore());
                    attribute(xml, "away_score", period.awayScore());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        if (odds.bettingStatus() == null && odds.betstopReason() == null && odds.markets().isEmpty()) {
            return;
        }
        xml.writeStartElement("odds");
        attribute(xml, "betting_status", odds.bettingStatus());
        attribute(xml, "betstop_reason", odds.betstopReason());
        for (OddsMarket market : odds.markets()) {
            xml.writeStartElement("market");
            marketIdentity(xml, market.id(), market.specifiers());
            attribute(xml, "extended_specifiers", market.extendedSpecifiers());
            attribute(xml, "status", market.status());
            attribute(xml, "cashout_status", market.cashoutStatus());
            if (market.nextBetstop() != null) {
                xml.writeEmptyElement("market_metadata");
                attribute(xml, "next_betstop", market.nextBetstop());
            }
            for (OddsOutcome outcome : market.outcomes()) {
                xml.writeEmptyElement("outcome");
                attribute(xml, "id", outcome.id());
                attribute(xml, "odds", outcome.odds());
                attribute(xml, "probabilities", outcome.probability());
                attribute(xml, "active", outcome.active() == null ? null : outcome.active() ? 1 : 0);
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void marketRefs(XMLStreamWriter xml, List<MarketRef> markets) throws XMLStreamException {
        for (MarketRef market : markets) {
            xml.writeEmptyElement("market");
            marketIdentity(xml, market.id(), market.specifiers());
        }
    }

    private static void marketIdentity(XMLStreamWriter xml, int id, String specifiers) throws XMLStreamException {
        attribute(xml, "id", id);
        if (specifiers != null && !specifiers.isEmpty()) {
            attribute(xml, "specifiers", specifiers);
        }
    }

    private static void attribute(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        if (value != null) {
            xml.writeAttribute(name, value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
        }
    }
}
