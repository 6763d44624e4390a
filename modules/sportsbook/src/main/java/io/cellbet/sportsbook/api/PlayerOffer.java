package io.cellbet.sportsbook.api;

import io.cellbet.sportsbook.catalog.BettingOffer;
import io.cellbet.sportsbook.live.BrandViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a brand's players are offered, for other parts of the cell (the web app's pages): the sports tree with its
 * counts and one event with its markets, each as the brand shows it (hidden things left out, its margins priced in).
 */
@ApplicationScoped
public class PlayerOffer {

    private final BettingOffer offer;
    private final BrandViews views;

    public PlayerOffer(BettingOffer offer, BrandViews views) {
        this.offer = offer;
        this.views = views;
    }

    /** The brand's sports tree; empty when this cell does not serve the brand. */
    public Optional<List<SportNode>> sports(String brand) {
        return views.of(brand).map(this::sports);
    }

    /** The brand's view of an event; empty when the cell does not offer it or the brand hides it. */
    public Optional<EventView> event(String eventId, String brand) {
        return views.of(brand).flatMap(view -> offer.event(eventId).map(view::event));
    }

    /** Sports with their categories and tournaments, counting open events and live ones, as a view shows them. */
    public List<SportNode> sports(BrandViews.View view) {
        Map<Integer, SportCount> sports = new LinkedHashMap<>();
        for (EventSummary event : offer.openEvents()) {
            if (view.shows(event)) {
                sports.computeIfAbsent(event.sportId(), id -> new SportCount(id, event.sportName())).add(event);
            }
        }
        List<SportNode> tree = new ArrayList<>();
        sports.values().stream().sorted((a, b) -> Integer.compare(a.id, b.id)).forEach(sport -> tree.add(sport.node()));
        return tree;
    }

    private static final class SportCount {

        final int id;
        final String name;
        int events;
        int live;
        final Map<String, CategoryCount> categories = new LinkedHashMap<>();

        SportCount(int id, String name) {
            this.id = id;
            this.name = name;
        }

        void add(EventSummary event) {
            events++;
            live += event.live() ? 1 : 0;
            String categoryId = event.category() == null ? "" : event.category().id();
            categories.computeIfAbsent(categoryId, id -> new CategoryCount(event.category())).add(event);
        }

        SportNode node() {
            List<SportNode.CategoryNode> nodes = new ArrayList<>();
            categories.values().forEach(category -> nodes.add(category.node()));
            return new SportNode(id, name, events, live, nodes);
        }
    }

    private static final class CategoryCount {

        final EventView.Named category;
        int events;
        int live;
        final Map<String, int[]> tournaments = new LinkedHashMap<>();
        final Map<String, String> tournamentNames = new LinkedHashMap<>();

        CategoryCount(EventView.Named category) {
            this.category = category;
        }

        void add(EventSummary event) {
            events++;
            live += event.live() ? 1 : 0;
            String tournamentId = event.tournament() == null ? "" : event.tournament().id();
            tournamentNames.putIfAbsent(tournamentId, event.tournament() == null ? null : event.tournament().name());
            int[] counts = tournaments.computeIfAbsent(tournamentId, id -> new int[2]);
            counts[0]++;
            counts[1] += event.live() ? 1 : 0;
        }

        SportNode.CategoryNode node() {
            List<SportNode.TournamentNode> nodes = new ArrayList<>();
            tournaments.forEach((id, counts) -> nodes.add(new SportNode.TournamentNode(id.isEmpty() ? null : id,
                    tournamentNames.get(id), counts[0], counts[1])));
            return new SportNode.CategoryNode(category == null ? null : category.id(),
                    category == null ? null : category.name(), events, live, nodes);
        }
    }
}
