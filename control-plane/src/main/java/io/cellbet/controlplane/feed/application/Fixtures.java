package io.cellbet.controlplane.feed.application;

import io.cellbet.platform.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Which events' fixtures are to be read from the Sports API, in {@code feed.fixtures}; changed only inside the
 * caller's transaction. The feed adds an event the first time it is seen and asks again on each
 * {@code fixture_change}; {@link FixtureFetcher} claims due rows and records what the provider answered.
 */
@ApplicationScoped
public class Fixtures {

    /** A claimed fixture: the {@code requests} count it was claimed at, and the attempt this is (from 1). */
    record Claim(String eventId, int sportId, int producer, int requests, int attempts) {
    }

    private final Sql sql;

    public Fixtures(Sql sql) {
        this.sql = sql;
    }

    /** An event seen on the feed (an odds change): its fixture is to be fetched, if it is not known already. */
    void seen(String eventId, int sportId, int producer) {
        sql.update("INSERT INTO feed.fixtures (event_id, sport_id, producer) VALUES (?, ?, ?) "
                + "ON CONFLICT (event_id) DO NOTHING", eventId, sportId, producer);
    }

    /** The provider says the event's fixture changed (or was created): fetch it (again), now. */
    void changed(String eventId, int sportId, int producer) {
        sql.update("INSERT INTO feed.fixtures (event_id, sport_id, producer) VALUES (?, ?, ?) "
                + "ON CONFLICT (event_id) DO UPDATE SET state = 'pending', requests = feed.fixtures.requests + 1, "
                + "attempts = 0, next_attempt_at = now(), sport_id = excluded.sport_id, producer = excluded.producer, "
                + "updated_at = now()", eventId, sportId, producer);
    }

    /**
     * Claims up to {@code limit} due fixtures, skipping those another replica holds: each attempt is counted and the
     * row is left alone for {@code leaseMs}, the time the caller has to fetch them outside this transaction (a
     * replica that dies meanwhile leaves them to be claimed again once the lease is over).
     */
    List<Claim> claim(int limit, long leaseMs) {
        return sql.list("WITH due AS (SELECT event_id FROM feed.fixtures WHERE state = 'pending' "
                + "AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "UPDATE feed.fixtures f SET attempts = f.attempts + 1, next_attempt_at = now() + "
                + "make_interval(secs => ? / 1000.0), updated_at = now() FROM due WHERE f.event_id = due.event_id "
                + "RETURNING f.event_id, f.sport_id, f.producer, f.requests, f.attempts",
                row -> new Claim(row.getString("event_id"), row.getInt("sport_id"), row.getInt("producer"),
                        row.getInt("requests"), row.getInt("attempts")), limit, leaseMs);
    }

    /** Whether the claimed fixture is now fetched; false when a fixture_change asked again meanwhile. */
    boolean fetched(Claim claim) {
        return sql.update("UPDATE feed.fixtures SET state = 'fetched', fetched_at = now(), attempts = 0, "
                + "last_error = NULL, updated_at = now() WHERE event_id = ? AND requests = ? AND state = 'pending'",
                claim.eventId(), claim.requests()) == 1;
    }

    /** The provider does not know the event: given up as missing, or asked again after {@code retryMs}. */
    void notFound(Claim claim, boolean giveUp, long retryMs, String error) {
        if (giveUp) {
            sql.update("UPDATE feed.fixtures SET state = 'missing', last_error = ?, updated_at = now() "
                    + "WHERE event_id = ? AND requests = ? AND state = 'pending'", error, claim.eventId(),
                    claim.requests());
        } else {
            retry(claim, retryMs, error);
        }
    }

    /** The fetch failed: asked again after {@code retryMs}. */
    void retry(Claim claim, long retryMs, String error) {
        sql.update("UPDATE feed.fixtures SET next_attempt_at = now() + make_interval(secs => ? / 1000.0), "
                + "last_error = ?, updated_at = now() WHERE event_id = ? AND requests = ? AND state = 'pending'",
                retryMs, error, claim.eventId(), claim.requests());
    }
}
