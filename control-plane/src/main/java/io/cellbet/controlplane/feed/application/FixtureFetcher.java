package io.cellbet.controlplane.feed.application;

import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.feed.api.uof.FeedParseException;
import io.cellbet.feed.api.uof.Fixture;
import io.cellbet.feed.api.uof.FixtureParser;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.work.BackgroundLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads the fixture of each event the feed brought (names of sport, category, tournament and competitors; start
 * time) from the provider's Sports API, {@code GET {api-url}/v1/sports/{lang}/sport_events/{urn}/fixture.xml}, and
 * publishes it to {@code platform.feed} as {@code FixtureChanged} with change {@code fetched}, through the outbox.
 *
 * <p>Every {@code fixture-poll-interval} it claims a small batch of due rows of {@code feed.fixtures} (see
 * {@link Fixtures}; replicas share the work through {@code SKIP LOCKED}) and commits, then calls the provider outside
 * any transaction, so no row lock waits on the network; each answer is recorded in a transaction of its own. A 404
 * is asked again until {@code fixture-missing-attempts}, then the fixture is missing; any other failure (unreachable,
 * a 5xx, an unreadable document) is asked again after a backoff from {@code fixture-retry-delay} to
 * {@code fixture-retry-delay-max}, and during an outage the rest of the batch waits too rather than each call
 * timing out in turn. Failures count in {@code cellbet_feed_fixture_fetch_failures_total} by reason.
 */
@ApplicationScoped
public class FixtureFetcher {

    private static final Logger LOG = Logger.getLogger(FixtureFetcher.class);
    /** Fixtures claimed per round; small, so one replica does not hold many while the provider is slow. */
    static final int CLAIM_BATCH_MAX = 10;
    /** Beyond the batch's worst case (every request timing out), before an unfinished claim may be taken again. */
    private static final Duration CLAIM_LEASE_MARGIN = Duration.ofSeconds(10);
    /** Longest pause after failed rounds (the database away, say): not the fixtures' backoff, which may be minutes. */
    private static final Duration ROUND_BACKOFF_MAX = Duration.ofMinutes(1);
    private static final String FAILURES = "cellbet.feed.fixture.fetch.failures";
    private static final String ACCESS_TOKEN_HEADER = "x-access-token";

    private final FeedProviderConfig config;
    private final Fixtures fixtures;
    private final Outbox outbox;
    private final MeterRegistry metrics;
    private final FixtureParser parser = new FixtureParser();
    private final HttpClient http;
    private final BackgroundLoop loop;

    public FixtureFetcher(FeedProviderConfig config, Fixtures fixtures, Outbox outbox, MeterRegistry metrics) {
        this.config = config;
        this.fixtures = fixtures;
        this.outbox = outbox;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(config.fixtureRequestTimeout()).build();
        this.loop = new BackgroundLoop("feed-fixture-fetcher", config.fixturePollInterval(),
                config.fixturePollInterval(), ROUND_BACKOFF_MAX, this::round,
                (failure, failures, retryIn) -> LOG.warnf("feed fixture round failed (%d in a row), next in %s: %s",
                        failures, retryIn, failure.getMessage()));
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    /** What the provider answered for one fixture. */
    private enum Answer { FETCHED, NOT_FOUND, FAILED, UNREACHABLE }

    private void round() {
        long leaseMs = config.fixtureRequestTimeout().multipliedBy(CLAIM_BATCH_MAX).plus(CLAIM_LEASE_MARGIN)
                .toMillis();
        // The claim commits before any call: the provider is called with no row locked.
        List<Fixtures.Claim> claims = QuarkusTransaction.requiringNew().call(() -> fixtures.claim(CLAIM_BATCH_MAX,
                leaseMs));
        boolean outage = false;
        for (Fixtures.Claim claim : claims) {
            if (!loop.running()) {
                return;
            }
            if (outage) {
                // The provider is away: the rest of the batch waits its backoff instead of timing out call by call.
                QuarkusTransaction.requiringNew().run(() -> fixtures.retry(claim, retryMs(claim),
                        "provider unreachable"));
                continue;
            }
            outage = fetch(claim) == Answer.UNREACHABLE;
        }
        if (claims.size() == CLAIM_BATCH_MAX && !outage) {
            loop.wake();
        }
    }

    private Answer fetch(Fixtures.Claim claim) {
        String url = config.apiUrl() + "/v1/sports/" + config.fixtureLanguage() + "/sport_events/"
                + URLEncoder.encode(claim.eventId(), StandardCharsets.UTF_8).replace("%3A", ":") + "/fixture.xml";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.fixtureRequestTimeout())
                .GET();
        config.accessToken().ifPresent(token -> request.header(ACCESS_TOKEN_HEADER, token));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return failed(claim, Answer.UNREACHABLE, "unreachable", "provider unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.UNREACHABLE;
        }
        if (response.statusCode() == 404) {
            metrics.counter(FAILURES, "reason", "not_found").increment();
            boolean giveUp = claim.attempts() >= config.fixtureMissingAttempts();
            QuarkusTransaction.requiringNew().run(() -> fixtures.notFound(claim, giveUp, retryMs(claim),
                    "404 from the Sports API"));
            if (giveUp) {
                LOG.warnf("feed fixture of %s missing: the Sports API answered 404 %d times", claim.eventId(),
                        claim.attempts());
            }
            return Answer.NOT_FOUND;
        }
        if (response.statusCode() != 200) {
            return failed(claim, response.statusCode() >= 500 ? Answer.UNREACHABLE : Answer.FAILED,
                    "http_" + response.statusCode(), "the Sports API answered " + response.statusCode());
        }
        Fixture fixture;
        try {
            fixture = parser.parse(response.body());
            if (!fixture.eventId().equals(claim.eventId())) {
                throw new FeedParseException("asked for " + claim.eventId() + ", the document is of "
                        + fixture.eventId());
            }
        } catch (FeedParseException e) {
            return failed(claim, Answer.FAILED, "unreadable", "unreadable fixture: " + e.getMessage());
        }
        boolean published = QuarkusTransaction.requiringNew().call(() -> {
            if (!fixtures.fetched(claim)) {
                return false;
            }
            int sportId = claim.sportId() == FeedEvent.ALL_SPORTS ? fixture.sportNumber() : claim.sportId();
            outbox.append(new OutboxMessage(Exchanges.PLATFORM_FEED,
                    FeedEvent.routingKey(FeedEvent.FIXTURE_CHANGED, sportId), FeedEvent.AGGREGATE_TYPE,
                    claim.eventId(), FeedEvent.FIXTURE_CHANGED, FeedEvent.SCHEMA_VERSION,
                    changed(fixture, sportId, claim.producer()), null));
            return true;
        });
        if (published) {
            metrics.counter("cellbet.feed.fixtures.fetched").increment();
        }
        return Answer.FETCHED;
    }

    private Answer failed(Fixtures.Claim claim, Answer answer, String reason, String error) {
        metrics.counter(FAILURES, "reason", reason).increment();
        long retryMs = retryMs(claim);
        LOG.warnf("feed fixture of %s not fetched (attempt %d, %s); asking again in %d ms", claim.eventId(),
                claim.attempts(), error, retryMs);
        QuarkusTransaction.requiringNew().run(() -> fixtures.retry(claim, retryMs, error));
        return answer;
    }

    private long retryMs(Fixtures.Claim claim) {
        return BackgroundLoop.backoff(config.fixtureRetryDelay(), config.fixtureRetryDelayMax(), claim.attempts())
                .toMillis();
    }

    private static FeedEvent.FixtureChanged changed(Fixture fixture, int sportId, int producer) {
        List<FeedEvent.Competitor> competitors = fixture.competitors().stream().map(competitor ->
                new FeedEvent.Competitor(competitor.id(), competitor.name(), competitor.qualifier())).toList();
        return new FeedEvent.FixtureChanged(fixture.eventId(), sportId, producer, fixture.generatedAt(), "fetched",
                fixture.startTime(), fixture.nextLiveTime(), new FeedEvent.Fixture(fixture.sport().name(),
                        new FeedEvent.Ref(fixture.category().id(), fixture.category().name()),
                        new FeedEvent.Ref(fixture.tournament().id(), fixture.tournament().name()), competitors));
    }
}
