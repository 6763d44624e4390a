package io.cellbet.controlplane.feed.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where the odds provider's feed comes from ({@code cellbet.feed.provider.*}). */
@ConfigMapping(prefix = "cellbet.feed.provider")
public interface FeedProviderConfig {

    /**
     * Whether this control plane consumes the feed and watches its producers; off until a provider is configured
     * (the sandbox turns it on for its simulator).
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * The provider's broker: host, port, virtual host and credentials, as an AMQP URL. Without one, the platform's
     * own broker ({@code cellbet.broker.url}), where the sandbox's simulator publishes.
     */
    Optional<String> url();

    /** The provider's topic exchange. */
    @WithDefault("unifiedfeed")
    String exchange();

    /** Our durable queue on the provider's broker, so nothing is lost while the adapter restarts. */
    @WithDefault("control-plane.unifiedfeed")
    String queue();

    /** Routing-key bindings of that queue; the contract's keys, e.g. {@code *.*.live.#} for live only. */
    @WithDefault("#")
    List<String> bindings();

    /** Messages on the wire to the adapter before it acknowledges. */
    @WithDefault("200")
    int prefetch();

    /** The producers whose state is watched: 1 live odds, 3 prematch. */
    @WithDefault("1,3")
    List<Integer> producers();

    /** The provider's HTTP API: recovery requests and the Sports API (fixtures). */
    @WithDefault("http://127.0.0.1:8091")
    String apiUrl();

    /**
     * The token sent as {@code x-access-token} on every call to the provider's HTTP API. No default: a secret, set it
     * from the environment ({@code CELLBET_FEED_PROVIDER_ACCESS_TOKEN}); without one the header is not sent and the
     * provider answers 401.
     */
    Optional<String> accessToken();

    /** A producer without an alive for this long is down. */
    @WithDefault("20s")
    Duration inactivityWindow();

    /** A recovery not completed (no matching snapshot_complete) within this is requested again. */
    @WithDefault("60s")
    Duration recoveryTimeout();

    /** How often producers are checked. */
    @WithDefault("1s")
    Duration checkInterval();

    /** Pause before the connection is tried again, and after a message could not be stored. */
    @WithDefault("2s")
    Duration retryDelay();

    /** The language of the names read from the Sports API ({@code /v1/sports/{lang}/...}). */
    @WithDefault("en")
    String fixtureLanguage();

    /** How often the fixture fetcher looks for events whose fixture is due. */
    @WithDefault("1s")
    Duration fixturePollInterval();

    /** Longest wait for the Sports API's answer (and for its connection) per fixture. */
    @WithDefault("5s")
    Duration fixtureRequestTimeout();

    /**
     * Pause before a fixture that failed (provider unreachable, an error, an unreadable answer, a 404 not yet given
     * up) is asked again; doubled per attempt up to {@code fixture-retry-delay-max}.
     */
    @WithDefault("5s")
    Duration fixtureRetryDelay();

    /** The longest pause between two attempts at one fixture. */
    @WithDefault("10m")
    Duration fixtureRetryDelayMax();

    /** Answers of 404 after which an event's fixture is given up as missing (until a fixture_change asks again). */
    @WithDefault("3")
    int fixtureMissingAttempts();
}
