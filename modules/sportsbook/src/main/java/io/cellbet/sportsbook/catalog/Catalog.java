package io.cellbet.sportsbook.catalog;

import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.persistence.AfterCommit;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.sportsbook.api.EventChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cell's catalog of events, markets and odds, applied from normalised feed events inside the inbox's
 * transaction. Every kind of change is ordered by the provider's timestamp, so duplicates and any arrival order
 * leave the catalog as an in-order run would:
 * <ul>
 * <li>odds and feed statuses per market ({@code odds_at}); a bet stop is a watermark on the event, so odds older
 * than it cannot reopen a market it stopped, even a market first heard of after the stop;</li>
 * <li>results per market ({@code settled_at}) and cancels per market ({@code cancelled_at}), each a dimension of its
 * own that odds never touch: a settlement is kept even when it arrives before the market's odds;</li>
 * <li>producers declared down or up ({@code changed_at}).</li>
 * </ul>
 * Each change that a player could see bumps the event's sequence and is published, in the same transaction, to the
 * cell's replicas on {@code cell.live} as an {@link EventChanged} with the whole state of the markets it touched.
 * The replica that committed it also fires them as {@link CatalogCommitted} right after the commit, so its own live
 * clients do not wait for the outbox's round trip through the broker.
 */
@ApplicationScoped
public class Catalog {

    /** A market's status as a player sees it: results and cancels first, then its producer, then the feed. */
    static final String EFFECTIVE_STATUS = "CASE WHEN m.cancelled THEN 'cancelled' WHEN m.settled THEN 'settled' "
            + "WHEN p.up IS FALSE AND m.status = 'active' THEN 'suspended' ELSE m.status END";

    private static final String COMMITTED = Catalog.class.getName() + ".committed";

    private final Sql sql;
    private final Outbox outbox;
    private final AfterCommit afterCommit;
    private final Event<CatalogCommitted> committed;
    private final String routingKey;

    public Catalog(Sql sql, Outbox outbox, AfterCommit afterCommit, Event<CatalogCommitted> committed,
            @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.sql = sql;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.committed = committed;
        this.routingKey = Exchanges.cellLiveRoutingKey(cellId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.OddsChanged odds) {
        FeedEvent.EventStatus status = odds.status();
        // Always updates (and so locks) the event row: changes of one event commit one after the other, in the
        // order of their sequence numbers.
        Watermark event = sql.one("INSERT INTO sportsbook.events AS e (event_id, sport_id, status, home_score, "
                + "away_score, match_time, status_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET "
                + "sport_id = CASE WHEN e.sport_id = 0 THEN excluded.sport_id ELSE e.sport_id END, "
                + "status = CASE WHEN e.status_at <= excluded.status_at THEN coalesce(excluded.status, e.status) "
                + "ELSE e.status END, "
                + "home_score = CASE WHEN e.status_at <= excluded.status_at THEN coalesce(excluded.home_score, "
                + "e.home_score) ELSE e.home_score END, "
                + "away_score = CASE WHEN e.status_at <= excluded.status_at THEN coalesce(excluded.away_score, "
                + "e.away_score) ELSE e.away_score END, "
                + "match_time = CASE WHEN e.status_at <= excluded.status_at THEN coalesce(excluded.match_time, "
                + "e.match_time) ELSE e.match_time END, "
                + "status_at = greatest(e.status_at, excluded.status_at), updated_at = now() "
                + "RETURNING status_at, bet_stop_at, bet_stop_status",
                row -> new Watermark(row.getLong(1), row.getLong(2), row.getString(3)), odds.eventId(), odds.sportId(),
                status == null ? null : status.status(), status == null ? null : status.homeScore(),
                status == null ? null : status.awayScore(), status == null ? null : status.matchTime(),
                odds.generatedAt()).orElseThrow();
        boolean scoreChanged = status != null && event.statusAt() == odds.generatedAt();
        // One statement for the markets and one for their outcomes, however many: a recovery or a goal sends every
        // market of the event at once. A market named twice counts once, its last mention.
        Map<String, FeedEvent.MarketOdds> markets = new LinkedHashMap<>();
        for (FeedEvent.MarketOdds market : odds.markets()) {
            markets.put(market.typeId() + "/" + market.specifiers(), market);
        }
        int count = markets.size();
        int[] types = new int[count];
        String[] specifiers = new String[count];
        String[] statuses = new String[count];
        String[] cashouts = new String[count];
        int i = 0;
        for (FeedEvent.MarketOdds market : markets.values()) {
            String marketStatus = market.status();
            if (odds.generatedAt() <= event.betStopAt() && "active".equals(marketStatus)) {
                marketStatus = event.betStopStatus();
            }
            types[i] = market.typeId();
            specifiers[i] = market.specifiers();
            statuses[i] = marketStatus;
            cashouts[i] = market.cashout();
            i++;
        }
        List<FeedEvent.MarketKey> touched = count == 0 ? List.of() : sql.list("INSERT INTO sportsbook.markets AS m "
                + "(event_id, type_id, specifiers, producer, status, cashout, odds_at) SELECT ?, t.type_id, "
                + "t.specifiers, ?, t.status, t.cashout, ? FROM unnest(?::integer[], ?::text[], ?::text[], ?::text[]) "
                + "AS t(type_id, specifiers, status, cashout) ON CONFLICT (event_id, type_id, specifiers) DO UPDATE "
                + "SET producer = excluded.producer, status = excluded.status, cashout = excluded.cashout, "
                + "odds_at = excluded.odds_at, updated_at = now() WHERE m.odds_at <= excluded.odds_at "
                + "RETURNING m.type_id, m.specifiers", row -> new FeedEvent.MarketKey(row.getInt(1), row.getString(2)),
                odds.eventId(), odds.producer(), odds.generatedAt(), types, specifiers, statuses, cashouts);
        List<Object[]> outcomes = new ArrayList<>();
        for (FeedEvent.MarketKey applied : touched) {
            Map<String, FeedEvent.OutcomeOdds> byId = new LinkedHashMap<>();
            for (FeedEvent.OutcomeOdds outcome : markets.get(applied.typeId() + "/" + applied.specifiers())
                    .outcomes()) {
                byId.put(outcome.id(), outcome);
            }
            for (FeedEvent.OutcomeOdds outcome : byId.values()) {
                outcomes.add(new Object[] {applied.typeId(), applied.specifiers(), outcome.id(), outcome.odds(),
                    outcome.active()});
            }
        }
        if (!outcomes.isEmpty()) {
            int size = outcomes.size();
            int[] outcomeTypes = new int[size];
            String[] outcomeSpecifiers = new String[size];
            String[] ids = new String[size];
            BigDecimal[] prices = new BigDecimal[size];
            Boolean[] active = new Boolean[size];
            for (int j = 0; j < size; j++) {
                Object[] outcome = outcomes.get(j);
                outcomeTypes[j] = (Integer) outcome[0];
                outcomeSpecifiers[j] = (String) outcome[1];
                ids[j] = (String) outcome[2];
                prices[j] = (BigDecimal) outcome[3];
                active[j] = (Boolean) outcome[4];
            }
            sql.update("INSERT INTO sportsbook.outcomes AS o (event_id, type_id, specifiers, outcome_id, odds, active) "
                    + "SELECT ?, t.type_id, t.specifiers, t.outcome_id, t.odds, t.active FROM unnest(?::integer[], "
                    + "?::text[], ?::text[], ?::numeric[], ?::boolean[]) AS t(type_id, specifiers, outcome_id, odds, "
                    + "active) ON CONFLICT (event_id, type_id, specifiers, outcome_id) DO UPDATE SET odds = "
                    + "coalesce(excluded.odds, o.odds), active = excluded.active", odds.eventId(), outcomeTypes,
                    outcomeSpecifiers, ids, prices, active);
        }
        changed(odds.eventId(), touched, scoreChanged, odds.generatedAt());
    }

    /**
     * Every open market of the event stops taking bets, and odds older than the stop cannot reopen one, whether they
     * arrive before or after it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.BetsStopped stop) {
        knownEvent(stop.eventId());
        sql.update("UPDATE sportsbook.events SET bet_stop_at = ?, bet_stop_status = ?, updated_at = now() "
                + "WHERE event_id = ? AND bet_stop_at < ?", stop.generatedAt(), stop.marketStatus(), stop.eventId(),
                stop.generatedAt());
        List<FeedEvent.MarketKey> touched = sql.list("UPDATE sportsbook.markets SET status = CASE WHEN status = "
                + "'active' THEN ? ELSE status END, odds_at = ?, updated_at = now() WHERE event_id = ? AND odds_at <= ? "
                + "RETURNING type_id, specifiers", row -> new FeedEvent.MarketKey(row.getInt(1), row.getString(2)),
                stop.marketStatus(), stop.generatedAt(), stop.eventId(), stop.generatedAt());
        changed(stop.eventId(), touched, false, stop.generatedAt());
    }

    /** Results are kept whatever else the market holds; a newer rollback wins over an older settlement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.MarketsSettled settled) {
        knownEvent(settled.eventId());
        List<FeedEvent.MarketKey> touched = new ArrayList<>();
        for (FeedEvent.SettledMarket market : settled.markets()) {
            int applied = sql.update("INSERT INTO sportsbook.markets AS m (event_id, type_id, specifiers, producer, "
                    + "status, odds_at, settled, settled_at) VALUES (?, ?, ?, ?, 'suspended', 0, true, ?) ON CONFLICT "
                    + "(event_id, type_id, specifiers) DO UPDATE SET settled = true, settled_at = excluded.settled_at, "
                    + "updated_at = now() WHERE m.settled_at < excluded.settled_at", settled.eventId(), market.typeId(),
                    market.specifiers(), settled.producer(), settled.generatedAt());
            if (applied == 0) {
                continue;
            }
            touched.add(new FeedEvent.MarketKey(market.typeId(), market.specifiers()));
            for (FeedEvent.SettledOutcome outcome : market.outcomes()) {
                sql.update("INSERT INTO sportsbook.outcomes (event_id, type_id, specifiers, outcome_id, result, "
                        + "void_factor, dead_heat_factor, settled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                        + "(event_id, type_id, specifiers, outcome_id) DO UPDATE SET result = excluded.result, "
                        + "void_factor = excluded.void_factor, dead_heat_factor = excluded.dead_heat_factor, "
                        + "settled_at = excluded.settled_at", settled.eventId(), market.typeId(), market.specifiers(),
                        outcome.id(), outcome.result(), outcome.voidFactor(), outcome.deadHeatFactor(),
                        settled.generatedAt());
            }
        }
        changed(settled.eventId(), touched, false, settled.generatedAt());
    }

    /**
     * A settlement undone: the results are gone, and the market takes no bets until odds newer than the rollback
     * say otherwise. A rollback arriving before its settlement wins over it all the same.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.SettlementRolledBack rollback) {
        knownEvent(rollback.eventId());
        List<FeedEvent.MarketKey> touched = new ArrayList<>();
        for (FeedEvent.MarketKey market : rollback.markets()) {
            int applied = sql.update("INSERT INTO sportsbook.markets AS m (event_id, type_id, specifiers, producer, "
                    + "status, odds_at, settled, settled_at) VALUES (?, ?, ?, ?, 'suspended', ?, false, ?) ON CONFLICT "
                    + "(event_id, type_id, specifiers) DO UPDATE SET settled = false, settled_at = excluded.settled_at, "
                    + "status = CASE WHEN m.odds_at <= excluded.odds_at AND m.status = 'active' THEN 'suspended' "
                    + "ELSE m.status END, odds_at = greatest(m.odds_at, excluded.odds_at), updated_at = now() "
                    + "WHERE m.settled_at < excluded.settled_at", rollback.eventId(), market.typeId(),
                    market.specifiers(), rollback.producer(), rollback.generatedAt(), rollback.generatedAt());
            if (applied == 0) {
                continue;
            }
            touched.add(market);
            sql.update("UPDATE sportsbook.outcomes SET result = NULL, void_factor = NULL, dead_heat_factor = NULL, "
                    + "settled_at = ? WHERE event_id = ? AND type_id = ? AND specifiers = ?", rollback.generatedAt(),
                    rollback.eventId(), market.typeId(), market.specifiers());
        }
        changed(rollback.eventId(), touched, false, rollback.generatedAt());
    }

    /** A cancel without a time window voids the market itself; one with a window voids only the bets inside it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.BetsCancelled cancel) {
        if (cancel.placedFrom() != null || cancel.placedTo() != null) {
            return;
        }
        knownEvent(cancel.eventId());
        List<FeedEvent.MarketKey> touched = new ArrayList<>();
        for (FeedEvent.CancelledMarket market : cancel.markets()) {
            if (cancelled(cancel.eventId(), market.typeId(), market.specifiers(), cancel.producer(),
                    cancel.generatedAt(), true)) {
                touched.add(new FeedEvent.MarketKey(market.typeId(), market.specifiers()));
            }
        }
        changed(cancel.eventId(), touched, false, cancel.generatedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.CancelRolledBack rollback) {
        if (rollback.placedFrom() != null || rollback.placedTo() != null) {
            return;
        }
        knownEvent(rollback.eventId());
        List<FeedEvent.MarketKey> touched = new ArrayList<>();
        for (FeedEvent.MarketKey market : rollback.markets()) {
            if (cancelled(rollback.eventId(), market.typeId(), market.specifiers(), rollback.producer(),
                    rollback.generatedAt(), false)) {
                touched.add(market);
            }
        }
        changed(rollback.eventId(), touched, false, rollback.generatedAt());
    }

    private boolean cancelled(String eventId, int typeId, String specifiers, int producer, long at, boolean cancelled) {
        return sql.update("INSERT INTO sportsbook.markets AS m (event_id, type_id, specifiers, producer, status, "
                + "odds_at, cancelled, cancelled_at) VALUES (?, ?, ?, ?, 'suspended', ?, ?, ?) ON CONFLICT (event_id, "
                + "type_id, specifiers) DO UPDATE SET cancelled = excluded.cancelled, cancelled_at = "
                + "excluded.cancelled_at, status = CASE WHEN NOT excluded.cancelled AND m.odds_at <= excluded.odds_at "
                + "AND m.status = 'active' THEN 'suspended' ELSE m.status END, odds_at = CASE WHEN excluded.cancelled "
                + "THEN m.odds_at ELSE greatest(m.odds_at, excluded.odds_at) END, updated_at = now() "
                + "WHERE m.cancelled_at < excluded.cancelled_at", eventId, typeId, specifiers, producer,
                cancelled ? 0L : at, cancelled, at) > 0;
    }

    /** Start time and, once the control plane read them from the Sports API, the names of the event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FeedEvent.FixtureChanged fixture) {
        FeedEvent.Fixture names = fixture.fixture();
        FeedEvent.Competitor home = names == null ? null : competitor(names, "home", 0);
        FeedEvent.Competitor away = names == null ? null : competitor(names, "away", 1);
        sql.update("INSERT INTO sportsbook.events AS e (event_id, sport_id, start_time, next_live_time, sport_name, "
                + "category_id, category_name, tournament_id, tournament_name, home_id, home_name, away_id, away_name) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET "
                + "sport_id = CASE WHEN e.sport_id = 0 THEN excluded.sport_id ELSE e.sport_id END, "
                + "start_time = coalesce(excluded.start_time, e.start_time), "
                + "next_live_time = coalesce(excluded.next_live_time, e.next_live_time), "
                + "sport_name = coalesce(excluded.sport_name, e.sport_name), "
                + "category_id = coalesce(excluded.category_id, e.category_id), "
                + "category_name = coalesce(excluded.category_name, e.category_name), "
                + "tournament_id = coalesce(excluded.tournament_id, e.tournament_id), "
                + "tournament_name = coalesce(excluded.tournament_name, e.tournament_name), "
                + "home_id = coalesce(excluded.home_id, e.home_id), home_name = coalesce(excluded.home_name, e.home_name), "
                + "away_id = coalesce(excluded.away_id, e.away_id), away_name = coalesce(excluded.away_name, e.away_name), "
                + "updated_at = now()", fixture.eventId(), fixture.sportId(), fixture.startTime(), fixture.nextLiveTime(),
                names == null ? null : names.sportName(), ref(names == null ? null : names.category(), true),
                ref(names == null ? null : names.category(), false), ref(names == null ? null : names.tournament(), true),
                ref(names == null ? null : names.tournament(), false), home == null ? null : home.id(),
                home == null ? null : home.name(), away == null ? null : away.id(), away == null ? null : away.name());
    }

    /**
     * A producer declared down suspends its active markets for players, up brings them back; either way every event
     * with such a market is pushed to live clients.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void producer(int producer, boolean up, long at) {
        int applied = sql.update("INSERT INTO sportsbook.producers AS p (producer, up, changed_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (producer) DO UPDATE SET up = excluded.up, changed_at = excluded.changed_at "
                + "WHERE p.changed_at <= excluded.changed_at AND p.up <> excluded.up", producer, up, at);
        if (applied == 0) {
            return;
        }
        List<String[]> markets = sql.list("SELECT event_id, type_id, specifiers FROM sportsbook.markets WHERE "
                + "producer = ? AND status = 'active' AND NOT settled AND NOT cancelled ORDER BY event_id",
                row -> new String[] {row.getString(1), row.getString(2), row.getString(3)}, producer);
        String eventId = null;
        List<FeedEvent.MarketKey> touched = new ArrayList<>();
        for (String[] market : markets) {
            if (!market[0].equals(eventId)) {
                if (eventId != null) {
                    changed(eventId, touched, false, at);
                }
                eventId = market[0];
                touched = new ArrayList<>();
            }
            touched.add(new FeedEvent.MarketKey(Integer.parseInt(market[1]), market[2]));
        }
        if (eventId != null) {
            changed(eventId, touched, false, at);
        }
    }

    /**
     * What a bet on an outcome would take now: the event's sport, status and start, the market's status as a player
     * sees it and its cash-out status, the outcome's odds and whether it is active.
     */
    public record Quote(String eventId, int typeId, String specifiers, String outcomeId, int sportId,
            String eventStatus, Long startTime, String marketStatus, String cashout, BigDecimal odds, Boolean active) {
    }

    /**
     * Quotes for the outcomes, by {@code event/type/specifiers/outcome}; an outcome the catalog lacks is left out. In a
     * transaction the query goes with the transaction's next statement ({@link Sql#later}) and is read when the quotes
     * are asked for; outside one, now.
     */
    public Supplier<Map<String, Quote>> quotes(String[] eventIds, int[] typeIds, String[] specifiers,
            String[] outcomeIds) {
        Sql.Later<Quote> read = sql.later("SELECT t.event_id, t.type_id, t.specifiers, t.outcome_id, e.sport_id, "
                + "coalesce(e.status, 'not_started'), e.start_time, " + EFFECTIVE_STATUS + ", m.cashout, o.odds, "
                + "o.active FROM unnest(?::text[], ?::integer[], ?::text[], ?::text[]) AS t(event_id, type_id, "
                + "specifiers, outcome_id) JOIN sportsbook.events e ON e.event_id = t.event_id "
                + "JOIN sportsbook.markets m ON m.event_id = t.event_id AND m.type_id = t.type_id "
                + "AND m.specifiers = t.specifiers LEFT JOIN sportsbook.producers p ON p.producer = m.producer "
                + "JOIN sportsbook.outcomes o ON o.event_id = t.event_id AND o.type_id = t.type_id "
                + "AND o.specifiers = t.specifiers AND o.outcome_id = t.outcome_id",
                row -> new Quote(row.getString(1), row.getInt(2), row.getString(3), row.getString(4), row.getInt(5),
                        row.getString(6), (Long) row.getObject(7), row.getString(8), row.getString(9),
                        row.getBigDecimal(10) == null ? null : row.getBigDecimal(10).stripTrailingZeros(),
                        (Boolean) row.getObject(11)), eventIds, typeIds, specifiers, outcomeIds);
        return () -> {
            Map<String, Quote> quotes = new LinkedHashMap<>();
            for (Quote quote : read.rows()) {
                quotes.put(quote.eventId() + "/" + quote.typeId() + "/" + quote.specifiers() + "/"
                        + quote.outcomeId(), quote);
            }
            return quotes;
        };
    }

    /** A market as a player may see it: suspended while its producer is down, whatever the feed last said. */
    public Optional<String> marketStatus(String eventId, int typeId, String specifiers) {
        return sql.one("SELECT " + EFFECTIVE_STATUS + " FROM sportsbook.markets m LEFT JOIN sportsbook.producers p "
                + "ON p.producer = m.producer WHERE m.event_id = ? AND m.type_id = ? AND m.specifiers = ?",
                row -> row.getString(1), eventId, typeId, specifiers);
    }

    /**
     * Bumps the event's sequence and publishes the new state of the touched markets (and the score when it changed)
     * to the cell's replicas, in the caller's transaction.
     */
    private void changed(String eventId, List<FeedEvent.MarketKey> touched, boolean scoreChanged, long at) {
        if (touched.isEmpty() && !scoreChanged) {
            return;
        }
        EventRow event = sql.one("UPDATE sportsbook.events SET seq = seq + 1 WHERE event_id = ? RETURNING seq, "
                + "sport_id, status, home_score, away_score, match_time", row -> new EventRow(row.getLong(1),
                        row.getInt(2), new EventChanged.Score(row.getString(3), row.getBigDecimal(4),
                                row.getBigDecimal(5), row.getString(6))), eventId).orElseThrow();
        Set<String> keys = new LinkedHashSet<>();
        for (FeedEvent.MarketKey key : touched) {
            keys.add(EventChanged.MarketState.key(eventId, key.typeId(), key.specifiers()));
        }
        List<EventChanged.MarketState> states = new ArrayList<>();
        for (EventChanged.MarketState state : markets(eventId)) {
            if (keys.contains(EventChanged.MarketState.key(eventId, state.typeId(), state.specifiers()))) {
                states.add(state);
            }
        }
        EventChanged change = new EventChanged(eventId, event.sportId(), event.seq(), at,
                scoreChanged ? event.score() : null, states);
        outbox.append(new OutboxMessage(Exchanges.CELL_LIVE, routingKey, FeedEvent.AGGREGATE_TYPE, eventId,
                EventChanged.TYPE, EventChanged.SCHEMA_VERSION, change, null));
        afterCommit.gather(COMMITTED, change, changes -> committed.fire(new CatalogCommitted(changes)));
    }

    /** Every market of the event as a player may see it, with its outcomes, in a stable order. */
    public List<EventChanged.MarketState> markets(String eventId) {
        List<Object[]> rows = sql.list("SELECT m.type_id, m.specifiers, " + EFFECTIVE_STATUS + ", o.outcome_id, "
                + "o.odds, o.active, o.result, o.void_factor, o.dead_heat_factor FROM sportsbook.markets m "
                + "LEFT JOIN sportsbook.producers p ON p.producer = m.producer LEFT JOIN sportsbook.outcomes o "
                + "ON o.event_id = m.event_id AND o.type_id = m.type_id AND o.specifiers = m.specifiers "
                + "WHERE m.event_id = ? ORDER BY m.type_id, m.specifiers, length(o.outcome_id), o.outcome_id",
                row -> new Object[] {row.getInt(1), row.getString(2), row.getString(3),
                    row.getString(4) == null ? null : new EventChanged.OutcomeState(row.getString(4),
                            decimal(row.getBigDecimal(5)), (Boolean) row.getObject(6), row.getString(7),
                            decimal(row.getBigDecimal(8)), decimal(row.getBigDecimal(9)))}, eventId);
        List<EventChanged.MarketState> markets = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            Object[] first = rows.get(i);
            List<EventChanged.OutcomeState> outcomes = new ArrayList<>();
            while (i < rows.size() && rows.get(i)[0].equals(first[0]) && rows.get(i)[1].equals(first[1])) {
                if (rows.get(i)[3] != null) {
                    outcomes.add((EventChanged.OutcomeState) rows.get(i)[3]);
                }
                i++;
            }
            markets.add(new EventChanged.MarketState((Integer) first[0], (String) first[1], (String) first[2],
                    outcomes));
        }
        return markets;
    }

    /**
     * Results and cancels may come before anything else of an event: its row exists (sport unknown, 0) for them.
     * Locks the event first, as odds do, so two changes of one event never wait on each other's markets.
     */
    private void knownEvent(String eventId) {
        sql.update("INSERT INTO sportsbook.events (event_id, sport_id) VALUES (?, ?) ON CONFLICT (event_id) DO UPDATE "
                + "SET updated_at = now()", eventId, FeedEvent.ALL_SPORTS);
    }

    /** Odds and factors as a player reads them: 2.81, not the column's 2.8100; at least two decimals. */
    private static BigDecimal decimal(BigDecimal stored) {
        if (stored == null) {
            return null;
        }
        BigDecimal stripped = stored.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
    }

    private static FeedEvent.Competitor competitor(FeedEvent.Fixture fixture, String qualifier, int position) {
        List<FeedEvent.Competitor> competitors = fixture.competitors() == null ? List.of() : fixture.competitors();
        for (FeedEvent.Competitor competitor : competitors) {
            if (qualifier.equals(competitor.qualifier())) {
                return competitor;
            }
        }
        return competitors.size() > position ? competitors.get(position) : null;
    }

    private static String ref(FeedEvent.Ref ref, boolean id) {
        return ref == null ? null : id ? ref.id() : ref.name();
    }

    private record Watermark(long statusAt, long betStopAt, String betStopStatus) {
    }

    private record EventRow(long seq, int sportId, EventChanged.Score score) {
    }
}
