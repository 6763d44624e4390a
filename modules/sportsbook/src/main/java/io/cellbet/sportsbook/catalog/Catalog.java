package io.cellbet.sportsbook.catalog;

import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.platform.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The cell's catalog of events, markets and odds, applied from normalised feed events inside the inbox's
 * transaction. Odds and statuses are ordered by the provider's timestamp per market: an older message changes
 * nothing, so duplicates and reordering leave the catalog as an in-order run would. Results, cancels and rollbacks
 * are applied whenever they arrive. A producer the control plane declared down suspends its markets until it is up.
 */
@ApplicationScoped
public class Catalog {

    private final Sql sql;

    public Catalog(Sql sql) {
        this.sql = sql;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.OddsChanged odds) {
        FeedEvent.EventStatus status = odds.status();
        sql.update("INSERT INTO sportsbook.events (event_id, sport_id, status, home_score, away_score, match_time, "
                + "status_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET "
                + "status = coalesce(excluded.status, sportsbook.events.status), home_score = coalesce(excluded.home_score, "
                + "sportsbook.events.home_score), away_score = coalesce(excluded.away_score, sportsbook.events.away_score), "
                + "match_time = coalesce(excluded.match_time, sportsbook.events.match_time), status_at = excluded.status_at, "
                + "updated_at = now() WHERE sportsbook.events.status_at <= excluded.status_at",
                odds.eventId(), odds.sportId(), status == null ? null : status.status(),
                status == null ? null : status.homeScore(), status == null ? null : status.awayScore(),
                status == null ? null : status.matchTime(), odds.generatedAt());
        for (FeedEvent.MarketOdds market : odds.markets()) {
            int applied = sql.update("INSERT INTO sportsbook.markets (event_id, type_id, specifiers, producer, status, "
                    + "cashout, odds_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, type_id, specifiers) DO "
                    + "UPDATE SET producer = excluded.producer, status = excluded.status, cashout = excluded.cashout, "
                    + "odds_at = excluded.odds_at, updated_at = now() WHERE sportsbook.markets.odds_at <= excluded.odds_at "
                    + "AND sportsbook.markets.status NOT IN ('settled', 'cancelled')",
                    odds.eventId(), market.typeId(), market.specifiers(), odds.producer(), market.status(),
                    market.cashout(), odds.generatedAt());
            if (applied == 0) {
                continue;
            }
            for (FeedEvent.OutcomeOdds outcome : market.outcomes()) {
                sql.update("INSERT INTO sportsbook.outcomes (event_id, type_id, specifiers, outcome_id, odds, active) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, type_id, specifiers, outcome_id) DO UPDATE "
                        + "SET odds = coalesce(excluded.odds, sportsbook.outcomes.odds), active = excluded.active",
                        odds.eventId(), market.typeId(), market.specifiers(), outcome.id(), outcome.odds(),
                        outcome.active());
            }
        }
    }

    /** Every open market of the event stops taking bets, unless the catalog already holds something newer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.BetsStopped stop) {
        sql.update("UPDATE sportsbook.markets SET status = ?, odds_at = ?, updated_at = now() WHERE event_id = ? "
                + "AND odds_at <= ? AND status = 'active'", stop.marketStatus(), stop.generatedAt(), stop.eventId(),
                stop.generatedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.MarketsSettled settled) {
        for (FeedEvent.SettledMarket market : settled.markets()) {
            int known = sql.update("UPDATE sportsbook.markets SET status = 'settled', updated_at = now() WHERE "
                    + "event_id = ? AND type_id = ? AND specifiers = ?", settled.eventId(), market.typeId(),
                    market.specifiers());
            if (known == 0) {
                continue;
            }
            for (FeedEvent.SettledOutcome outcome : market.outcomes()) {
                sql.update("INSERT INTO sportsbook.outcomes (event_id, type_id, specifiers, outcome_id, result, "
                        + "void_factor, dead_heat_factor) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, type_id, "
                        + "specifiers, outcome_id) DO UPDATE SET result = excluded.result, void_factor = "
                        + "excluded.void_factor, dead_heat_factor = excluded.dead_heat_factor", settled.eventId(),
                        market.typeId(), market.specifiers(), outcome.id(), outcome.result(), outcome.voidFactor(),
                        outcome.deadHeatFactor());
            }
        }
    }

    /** A settlement undone: the results are gone and the market takes no bets until the feed says otherwise. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.SettlementRolledBack rollback) {
        for (FeedEvent.MarketKey market : rollback.markets()) {
            sql.update("UPDATE sportsbook.outcomes SET result = NULL, void_factor = NULL, dead_heat_factor = NULL "
                    + "WHERE event_id = ? AND type_id = ? AND specifiers = ?", rollback.eventId(), market.typeId(),
                    market.specifiers());
            sql.update("UPDATE sportsbook.markets SET status = 'suspended', updated_at = now() WHERE event_id = ? "
                    + "AND type_id = ? AND specifiers = ? AND status = 'settled'", rollback.eventId(), market.typeId(),
                    market.specifiers());
        }
    }

    /** A cancel without a time window voids the market itself; one with a window voids only the bets inside it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.BetsCancelled cancel) {
        if (cancel.placedFrom() != null || cancel.placedTo() != null) {
            return;
        }
        for (FeedEvent.CancelledMarket market : cancel.markets()) {
            sql.update("UPDATE sportsbook.markets SET status = 'cancelled', updated_at = now() WHERE event_id = ? "
                    + "AND type_id = ? AND specifiers = ?", cancel.eventId(), market.typeId(), market.specifiers());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.CancelRolledBack rollback) {
        if (rollback.placedFrom() != null || rollback.placedTo() != null) {
            return;
        }
        for (FeedEvent.MarketKey market : rollback.markets()) {
            sql.update("UPDATE sportsbook.markets SET status = 'suspended', updated_at = now() WHERE event_id = ? "
                    + "AND type_id = ? AND specifiers = ? AND status = 'cancelled'", rollback.eventId(),
                    market.typeId(), market.specifiers());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.FixtureChanged fixture) {
        sql.update("INSERT INTO sportsbook.events (event_id, sport_id, start_time) VALUES (?, ?, ?) ON CONFLICT "
                + "(event_id) DO UPDATE SET start_time = coalesce(excluded.start_time, sportsbook.events.start_time), "
                + "updated_at = now()", fixture.eventId(), fixture.sportId(), fixture.startTime());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void producer(int producer, boolean up, long at) {
        sql.update("INSERT INTO sportsbook.producers (producer, up, changed_at) VALUES (?, ?, ?) ON CONFLICT (producer) "
                + "DO UPDATE SET up = excluded.up, changed_at = excluded.changed_at "
                + "WHERE sportsbook.producers.changed_at <= excluded.changed_at", producer, up, at);
    }

    /** A market as a player may see it: suspended while its producer is down, whatever the feed last said. */
    public Optional<String> marketStatus(String eventId, int typeId, String specifiers) {
        return sql.one("SELECT CASE WHEN p.up IS FALSE AND m.status = 'active' THEN 'suspended' ELSE m.status END "
                + "FROM sportsbook.markets m LEFT JOIN sportsbook.producers p ON p.producer = m.producer "
                + "WHERE m.event_id = ? AND m.type_id = ? AND m.specifiers = ?", row -> row.getString(1), eventId,
                typeId, specifiers);
    }
}
