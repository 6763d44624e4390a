package io.cellbet.feed.api.uof;

import java.util.List;

/**
 * An event's fixture as the provider's Sports API describes it
 * ({@code GET /v1/sports/{lang}/sport_events/{urn}/fixture.xml}): where it belongs (sport, category, tournament),
 * who plays, and when. The feed itself carries no names; this is where they come from.
 *
 * @param eventId the event's URN, {@code sr:match:123}
 * @param generatedAt when the provider wrote the document (epoch ms)
 * @param startTime the start (epoch ms): {@code start_time}, else {@code scheduled}; null when the provider has none
 * @param startTimeTbd whether the start time is still to be decided
 * @param nextLiveTime when a live event resumes (epoch ms), or null
 * @param status the provider's status name ({@code not_started}, {@code live}, ...), or null
 * @param competitors home and away (teams, or players in tennis), possibly none (an outright)
 */
public record Fixture(String eventId, long generatedAt, Long startTime, boolean startTimeTbd, Long nextLiveTime,
        String status, Named sport, Named category, Named tournament, List<Competitor> competitors) {

    public static final String ROOT = "fixtures_fixture";

    public Fixture {
        competitors = List.copyOf(competitors);
    }

    /** The sport's id as a number ({@code sr:sport:1} is 1). */
    public int sportNumber() {
        return Integer.parseInt(sport.id().substring(sport.id().lastIndexOf(':') + 1));
    }

    /** Something the provider names, by its URN: a sport, category or tournament. */
    public record Named(String id, String name) {
    }

    /** A team or player; {@code qualifier} is {@code home} or {@code away}, or null; abbreviation may be null. */
    public record Competitor(String id, String name, String abbreviation, String qualifier) {
    }
}
