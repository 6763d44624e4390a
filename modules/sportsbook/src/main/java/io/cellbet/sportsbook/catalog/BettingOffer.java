package io.cellbet.sportsbook.catalog;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.cellbet.feed.api.markets.MarketDescriptions;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.sportsbook.api.EventChanged;
import io.cellbet.sportsbook.api.EventSummary;
import io.cellbet.sportsbook.api.EventView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog as players read it, hot in memory: each event with its open markets and rendered names (loaded from
 * the database on first read, dropped when the event changes, so a replica never serves an older state than it
 * has pushed), and the list of open events, refreshed in the background every second. Everything is persisted, so a
 * restarted cell serves at once from its database.
 */
@ApplicationScoped
public class BettingOffer {

    /** Most events held in memory with their markets. */
    static final int EVENT_CACHE_SIZE_MAX = 50_000;
    /** How old the list of open events (and so the sports tree and event lists) may be. */
    static final Duration OPEN_EVENTS_REFRESH = Duration.ofSeconds(1);
    /** Event statuses in which an event is offered; ended, closed, cancelled, postponed and abandoned are not. */
    static final String OPEN = "coalesce(e.status, 'not_started') IN ('not_started', 'live', 'suspended', 'delayed', "
            + "'interrupted')";
    /** Market statuses a player sees in an event: the rest (settled, cancelled, inactive, handed over) is gone. */
    static final List<String> SHOWN_MARKETS = List.of("active", "suspended");

    private final Sql sql;
    private final Catalog catalog;
    private final MarketDescriptions descriptions = MarketDescriptions.common();
    private final LoadingCache<String, Optional<EventView>> events;
    private final LoadingCache<Boolean, List<EventSummary>> openEvents;

    public BettingOffer(Sql sql, Catalog catalog) {
        this.sql = sql;
        this.catalog = catalog;
        this.events = Caffeine.newBuilder().maximumSize(EVENT_CACHE_SIZE_MAX).build(this::load);
        this.openEvents = Caffeine.newBuilder().refreshAfterWrite(OPEN_EVENTS_REFRESH)
                .build(all -> loadOpenEvents());
    }

    /** The event with its shown markets, as of its sequence number; empty when the cell does not know it. */
    public Optional<EventView> event(String eventId) {
        return events.get(eventId);
    }

    /** Forgets what is held of the event: its next read comes from the database. */
    public void changed(String eventId) {
        events.invalidate(eventId);
    }

    /** Every open event, featured or not, by start time. */
    public List<EventSummary> openEvents() {
        return openEvents.get(Boolean.TRUE);
    }

    private Optional<EventView> load(String eventId) {
        // The sequence first: the markets read after it are at least as new, and a delta after it is never missed.
        Optional<EventView> event = sql.one("SELECT e.event_id, e.sport_id, e.sport_name, e.category_id, "
                + "e.category_name, e.tournament_id, e.tournament_name, e.home_id, e.home_name, e.away_id, e.away_name, "
                + "e.start_time, e.status, e.home_score, e.away_score, e.match_time, e.seq FROM sportsbook.events e "
                + "WHERE e.event_id = ?", row -> new EventView(row.getString(1), row.getInt(2), row.getString(3),
                        named(row.getString(4), row.getString(5)), named(row.getString(6), row.getString(7)),
                        named(row.getString(8), row.getString(9)), named(row.getString(10), row.getString(11)),
                        (Long) row.getObject(12), new EventChanged.Score(row.getString(13), row.getBigDecimal(14),
                                row.getBigDecimal(15), row.getString(16)), "live".equals(row.getString(13)), false,
                        row.getLong(17), List.of()), eventId);
        if (event.isEmpty()) {
            return event;
        }
        EventView found = event.get();
        List<EventView.MarketView> markets = new ArrayList<>();
        for (EventChanged.MarketState market : catalog.markets(eventId)) {
            if (SHOWN_MARKETS.contains(market.status())) {
                markets.add(named(found, market));
            }
        }
        return Optional.of(found.withMarkets(markets, false));
    }

    /** The market with its name and its outcomes' names rendered for the event's competitors. */
    public EventView.MarketView named(EventView event, EventChanged.MarketState market) {
        String home = event.home() == null || event.home().name() == null ? "Home" : event.home().name();
        String away = event.away() == null || event.away().name() == null ? "Away" : event.away().name();
        String name;
        Map<String, String> outcomeNames;
        try {
            MarketDescriptions.MarketName rendered = descriptions.render(market.typeId(), market.specifiers(), home,
                    away);
            name = rendered.name();
            outcomeNames = rendered.outcomes();
        } catch (IllegalArgumentException unknown) {
            // A market type without a description still shows, named by its id.
            name = "Market " + market.typeId() + (market.specifiers().isEmpty() ? "" : " " + market.specifiers());
            outcomeNames = new LinkedHashMap<>();
        }
        List<EventView.OutcomeView> outcomes = new ArrayList<>();
        for (EventChanged.OutcomeState outcome : market.outcomes()) {
            outcomes.add(new EventView.OutcomeView(outcome.id(), outcomeNames.getOrDefault(outcome.id(), outcome.id()),
                    outcome.odds(), outcome.active(), outcome.result(), outcome.voidFactor(),
                    outcome.deadHeatFactor()));
        }
        return new EventView.MarketView(market.typeId(), market.specifiers(), name, market.status(), outcomes);
    }

    private List<EventSummary> loadOpenEvents() {
        return sql.list("SELECT e.event_id, e.sport_id, e.sport_name, e.category_id, e.category_name, "
                + "e.tournament_id, e.tournament_name, e.home_id, e.home_name, e.away_id, e.away_name, e.start_time, "
                + "e.status, e.home_score, e.away_score, e.match_time, (SELECT count(*) FROM sportsbook.markets m "
                + "WHERE m.event_id = e.event_id AND m.status = 'active' AND NOT m.settled AND NOT m.cancelled) "
                + "FROM sportsbook.events e WHERE e.sport_id > 0 AND " + OPEN
                + " ORDER BY e.start_time NULLS LAST, e.event_id", row -> new EventSummary(row.getString(1),
                        row.getInt(2), row.getString(3), named(row.getString(4), row.getString(5)),
                        named(row.getString(6), row.getString(7)), named(row.getString(8), row.getString(9)),
                        named(row.getString(10), row.getString(11)), (Long) row.getObject(12),
                        new EventChanged.Score(row.getString(13), row.getBigDecimal(14), row.getBigDecimal(15),
                                row.getString(16)), "live".equals(row.getString(13)), false, row.getInt(17)));
    }

    private static EventView.Named named(String id, String name) {
        return id == null && name == null ? null : new EventView.Named(id, name);
    }
}
