package io.cellbet.sportsbook.api;

/** An event in a list: who plays, when, where, its state and how many markets are open. */
public record EventSummary(String id, int sportId, String sportName, EventView.Named category,
        EventView.Named tournament, EventView.Named home, EventView.Named away, Long startTime,
        EventChanged.Score score, boolean live, boolean featured, int activeMarkets) {
}
