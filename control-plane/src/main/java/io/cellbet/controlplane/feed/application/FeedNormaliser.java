package io.cellbet.controlplane.feed.application;

import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.feed.api.uof.FeedMessage;
import java.util.Arrays;
import java.util.List;

/** The provider's messages as Cellbet's normalised feed events: codes become names, ids stay the provider's. */
final class FeedNormaliser {

    private static final List<String> EVENT_STATUSES = List.of("not_started", "live", "suspended", "ended", "closed",
            "cancelled", "delayed", "interrupted", "postponed", "abandoned");
    private static final List<String> FIXTURE_CHANGES = List.of("created", "start_time", "cancelled", "format",
            "coverage");

    private FeedNormaliser() {
    }

    /** The normalised event's type and payload. */
    record Normalised(String type, Object payload) {
    }

    static Normalised normalise(FeedMessage.EventMessage message, int sportId) {
        if (message instanceof FeedMessage.OddsChange odds) {
            FeedEvent.EventStatus status = odds.status() == null ? null : new FeedEvent.EventStatus(
                    code(EVENT_STATUSES, odds.status().status(), "unknown"), odds.status().matchStatus(),
                    odds.status().homeScore(), odds.status().awayScore(), odds.status().matchTime());
            List<FeedEvent.MarketOdds> markets = odds.markets().stream().map(market -> new FeedEvent.MarketOdds(
                    market.id(), market.specifiers(), marketStatus(market.status()), cashout(market.cashoutStatus()),
                    market.nextBetstop(), market.outcomes().stream().map(outcome -> new FeedEvent.OutcomeOdds(
                            outcome.id(), outcome.odds(), outcome.active())).toList())).toList();
            return new Normalised(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(odds.eventId(), sportId,
                    odds.product(), odds.timestamp(), odds.requestId(), status, markets));
        }
        if (message instanceof FeedMessage.BetStop stop) {
            return new Normalised(FeedEvent.BETS_STOPPED, new FeedEvent.BetsStopped(stop.eventId(), stop.product(),
                    stop.timestamp(), Arrays.asList(stop.groups().split("\\|")), marketStatus(stop.marketStatus())));
        }
        if (message instanceof FeedMessage.BetSettlement settlement) {
            List<FeedEvent.SettledMarket> markets = settlement.markets().stream().map(market ->
                    new FeedEvent.SettledMarket(market.id(), market.specifiers(), market.voidReason(),
                            market.outcomes().stream().map(outcome -> new FeedEvent.SettledOutcome(outcome.id(),
                                    outcome.result() == 1 ? "won" : "lost", outcome.voidFactor(),
                                    outcome.deadHeatFactor())).toList())).toList();
            String certainty = settlement.certainty() == null ? null
                    : settlement.certainty() == 2 ? "confirmed" : "scouted";
            return new Normalised(FeedEvent.MARKETS_SETTLED, new FeedEvent.MarketsSettled(settlement.eventId(),
                    settlement.product(), settlement.timestamp(), certainty, markets));
        }
        if (message instanceof FeedMessage.BetCancel cancel) {
            return new Normalised(FeedEvent.BETS_CANCELLED, new FeedEvent.BetsCancelled(cancel.eventId(),
                    cancel.product(), cancel.timestamp(), cancel.startTime(), cancel.endTime(), cancel.supercededBy(),
                    cancel.markets().stream().map(market -> new FeedEvent.CancelledMarket(market.id(),
                            market.specifiers(), market.voidReason())).toList()));
        }
        if (message instanceof FeedMessage.RollbackBetSettlement rollback) {
            return new Normalised(FeedEvent.SETTLEMENT_ROLLED_BACK, new FeedEvent.SettlementRolledBack(
                    rollback.eventId(), rollback.product(), rollback.timestamp(), keys(rollback.markets())));
        }
        if (message instanceof FeedMessage.RollbackBetCancel rollback) {
            return new Normalised(FeedEvent.CANCEL_ROLLED_BACK, new FeedEvent.CancelRolledBack(rollback.eventId(),
                    rollback.product(), rollback.timestamp(), rollback.startTime(), rollback.endTime(),
                    keys(rollback.markets())));
        }
        FeedMessage.FixtureChange fixture = (FeedMessage.FixtureChange) message;
        return new Normalised(FeedEvent.FIXTURE_CHANGED, new FeedEvent.FixtureChanged(fixture.eventId(), sportId,
                fixture.product(), fixture.timestamp(), fixture.changeType() == null ? null
                        : code(FIXTURE_CHANGES, fixture.changeType() - 1, "unknown"), fixture.startTime(),
                fixture.nextLiveTime(), null));
    }

    static String marketStatus(int status) {
        switch (status) {
            case 1:
                return "active";
            case 0:
                return "inactive";
            case -1:
                return "suspended";
            case -2:
                return "handed_over";
            case -3:
                return "settled";
            case -4:
                return "cancelled";
            default:
                return "unknown";
        }
    }

    private static String cashout(Integer status) {
        if (status == null) {
            return null;
        }
        return status == 1 ? "available" : status == -2 ? "closed" : "unavailable";
    }

    private static List<FeedEvent.MarketKey> keys(List<FeedMessage.MarketRef> markets) {
        return markets.stream().map(market -> new FeedEvent.MarketKey(market.id(), market.specifiers())).toList();
    }

    private static String code(List<String> names, int index, String unknown) {
        return index >= 0 && index < names.size() ? names.get(index) : unknown;
    }
}
