package io.cellbet.sportsbook.live;

import io.cellbet.contracts.config.SportsbookContent;
import io.cellbet.platform.id.BrandCode;
import io.cellbet.sportsbook.api.BrandContents;
import io.cellbet.sportsbook.api.EventChanged;
import io.cellbet.sportsbook.api.EventSummary;
import io.cellbet.sportsbook.api.EventView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog as each brand shows it: the content manager's overrides win over the feed. Hidden sports, events,
 * market types and markets are left out, odds are priced with the sport's margin, featured events are marked. The
 * brand's current content is read on every use (it is cached until the next config version), so a change of content
 * reaches connected players too.
 */
@ApplicationScoped
public class BrandViews {

    private final BrandContents contents;
    private final View raw;

    public BrandViews(BrandContents contents) {
        this.contents = contents;
        this.raw = new View(null, contents);
    }

    /** The feed as it is, for no brand in particular. */
    public View raw() {
        return raw;
    }

    /** The brand's view; empty when the cell does not hold the brand (or the code is malformed). */
    public Optional<View> of(String brand) {
        if (!BrandCode.isValid(brand) || !contents.knows(brand)) {
            return Optional.empty();
        }
        return Optional.of(new View(brand, contents));
    }

    /** What one brand shows (or the raw feed, with no brand). */
    public static final class View implements LiveView {

        private final String brand;
        private final BrandContents contents;

        View(String brand, BrandContents contents) {
            this.brand = brand;
            this.contents = contents;
        }

        private SportsbookContent content() {
            return brand == null ? SportsbookContent.NONE : contents.content(brand);
        }

        @Override
        public String key() {
            return brand == null ? "" : brand;
        }

        @Override
        public EventChanged change(EventChanged change) {
            SportsbookContent content = content();
            if (content == SportsbookContent.NONE) {
                return change;
            }
            if (!content.sportVisible(change.sportId()) || !content.eventVisible(change.eventId())) {
                return null;
            }
            List<EventChanged.MarketState> markets = new ArrayList<>();
            for (EventChanged.MarketState market : change.markets()) {
                if (content.marketVisible(change.eventId(), market.typeId(), market.specifiers())) {
                    List<EventChanged.OutcomeState> outcomes = new ArrayList<>();
                    for (EventChanged.OutcomeState outcome : market.outcomes()) {
                        outcomes.add(new EventChanged.OutcomeState(outcome.id(),
                                content.price(change.sportId(), outcome.odds()), outcome.active(), outcome.result(),
                                outcome.voidFactor(), outcome.deadHeatFactor()));
                    }
                    markets.add(new EventChanged.MarketState(market.typeId(), market.specifiers(), market.status(),
                            outcomes));
                }
            }
            return new EventChanged(change.eventId(), change.sportId(), change.seq(), change.ts(), change.score(),
                    markets);
        }

        @Override
        public EventView event(EventView event) {
            SportsbookContent content = content();
            if (content == SportsbookContent.NONE) {
                return event;
            }
            if (!content.sportVisible(event.sportId()) || !content.eventVisible(event.id())) {
                return null;
            }
            List<EventView.MarketView> markets = new ArrayList<>();
            for (EventView.MarketView market : event.markets()) {
                if (content.marketVisible(event.id(), market.typeId(), market.specifiers())) {
                    List<EventView.OutcomeView> outcomes = new ArrayList<>();
                    for (EventView.OutcomeView outcome : market.outcomes()) {
                        outcomes.add(new EventView.OutcomeView(outcome.id(), outcome.name(),
                                content.price(event.sportId(), outcome.odds()), outcome.active(), outcome.result(),
                                outcome.voidFactor(), outcome.deadHeatFactor()));
                    }
                    markets.add(new EventView.MarketView(market.typeId(), market.specifiers(), market.name(),
                            market.status(), outcomes));
                }
            }
            return event.withMarkets(markets, content.featured(event.id()));
        }

        /** Whether the brand offers the event at all. */
        public boolean shows(EventSummary event) {
            SportsbookContent content = content();
            return content.sportVisible(event.sportId()) && content.eventVisible(event.id());
        }

        /** The event in a list, marked featured when the brand features it. */
        public EventSummary summary(EventSummary event) {
            boolean featured = content().featured(event.id());
            return featured == event.featured() ? event : new EventSummary(event.id(), event.sportId(),
                    event.sportName(), event.category(), event.tournament(), event.home(), event.away(),
                    event.startTime(), event.score(), event.live(), featured, event.activeMarkets());
        }
    }
}
