package io.cellbet.sportsbook.api;

import java.util.List;

/** The sports tree: sport, its categories (countries, circuits) and their tournaments, with event counts. */
public record SportNode(int id, String name, int events, int liveEvents, List<CategoryNode> categories) {

    public record CategoryNode(String id, String name, int events, int liveEvents, List<TournamentNode> tournaments) {
    }

    public record TournamentNode(String id, String name, int events, int liveEvents) {
    }
}
