package io.cellbet.accounts.application;

import io.cellbet.accounts.config.AccountsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window limits on the auth endpoints, per client address and per login name, in this
 * replica's memory: a password-guessing client is slowed long before the lockout, and one
 * address cannot make the cell hash passwords all day. With several replicas behind a balancer
 * the effective limit is the per-replica limit times the replicas; the lockout, which lives in
 * the database, bounds guesses per account whatever the replicas.
 */
@ApplicationScoped
public class AuthRateLimiter {

    /** Keys kept at most; beyond, expired windows are dropped first. */
    private static final int KEYS_MAX = 100_000;

    private final AccountsConfig.RateLimit config;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long startMillis, int count) {
    }

    public AuthRateLimiter(AccountsConfig config, Clock clock) {
        this.config = config.rateLimit();
        this.clock = clock;
    }

    /**
     * Counts one request of the client (and of the login name, when given); empty when allowed,
     * else how long until the client may try again.
     */
    public Optional<Duration> admit(String clientAddress, String brand, String loginName) {
        long now = clock.millis();
        Optional<Duration> client = count("client:" + clientAddress, config.perClient(), now);
        if (client.isPresent() || loginName == null) {
            return client;
        }
        return count("login:" + brand + ":" + loginName.toLowerCase(Locale.ROOT), config.perLoginName(), now);
    }

    private Optional<Duration> count(String key, int limit, long now) {
        long windowMillis = config.window().toMillis();
        if (windows.size() > KEYS_MAX) {
            windows.values().removeIf(window -> now - window.startMillis() >= windowMillis);
        }
        Window window = windows.compute(key, (k, current) -> current == null || now - current.startMillis() >= windowMillis
                ? new Window(now, 1) : new Window(current.startMillis(), current.count() + 1));
        if (window.count() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.max(1, window.startMillis() + windowMillis - now)));
    }
}
