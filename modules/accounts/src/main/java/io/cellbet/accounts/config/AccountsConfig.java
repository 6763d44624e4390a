package io.cellbet.accounts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Players, passwords, logins and tokens of the cell ({@code cellbet.accounts.*}). */
@ConfigMapping(prefix = "cellbet.accounts")
public interface AccountsConfig {

    /** Youngest age a player may register at (the strictest of the cell's jurisdictions). */
    @WithDefault("18")
    int minimumAge();

    Password password();

    Login login();

    Tokens tokens();

    RateLimit rateLimit();

    Limits limits();

    Kyc kyc();

    /**
     * Keys brands sign launch tokens with (embedded web app), by the name a brand's
     * {@code embedding.secretRef} gives: {@code cellbet.accounts.launch-secrets."acme-launch"=...}, or
     * in the environment {@code CELLBET_ACCOUNTS_LAUNCH_SECRETS_<SECRETREF>} (upper case, other
     * characters as {@code _}). None by default: a brand whose secret this cell lacks cannot launch.
     * Set them from the environment; they are never logged.
     */
    java.util.Map<String, String> launchSecrets();

    /** The identity-verification provider. */
    interface Kyc {
        /** Base URL of the provider's API; without one, checks are refused with KYC_UNAVAILABLE. */
        java.util.Optional<String> providerUrl();

        /** The API key sent as {@code X-Api-Key}; set it from the environment. */
        java.util.Optional<String> apiKey();

        /** How often open checks are asked about (and unsent ones sent again). */
        @WithDefault("2s")
        Duration pollInterval();

        /** Longest wait for one provider call. */
        @WithDefault("5s")
        Duration requestTimeout();
    }

    /** Responsible-gambling limits. */
    interface Limits {
        /** How long a higher limit or a removal waits before it applies. */
        @WithDefault("24h")
        Duration coolingOff();

        /** Per brand, a cooling-off other than {@link #coolingOff()}: {@code cooling-off-by-brand."ACME"=72h}. */
        java.util.Map<String, Duration> coolingOffByBrand();
    }

    /**
     * Argon2id parameters for new hashes. The defaults are OWASP's first recommendation (19 MiB,
     * 2 passes, 1 lane): about as costly to an attacker with GPUs as the larger settings, and
     * cheap enough that a 2-core cell survives a kick-off login storm. Hashes made with other
     * parameters still verify and are redone at the player's next login.
     */
    interface Password {
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();

        /** Hashes computed at once; more wait. Each holds {@code memory-kib} of heap while it runs. */
        @WithDefault("4")
        int concurrentHashesMax();
    }

    interface Login {
        /** Consecutive failed logins that lock the account. */
        @WithDefault("3")
        int failuresMax();

        /** How long a locked account stays locked. */
        @WithDefault("30m")
        Duration lockout();
    }

    interface Tokens {
        /** Lifetime of an access token (a JWT; not revocable, so short). */
        @WithDefault("15m")
        Duration accessLifetime();

        /** Lifetime of a refresh token (revocable; each use replaces it). */
        @WithDefault("30d")
        Duration refreshLifetime();
    }

    /**
     * Requests to the auth endpoints (register, login, refresh) allowed per window, counted per
     * client address and per login name, in this replica. Beyond: 429 with Retry-After.
     */
    interface RateLimit {
        @WithDefault("1m")
        Duration window();

        @WithDefault("120")
        int perClient();

        @WithDefault("10")
        int perLoginName();
    }
}
