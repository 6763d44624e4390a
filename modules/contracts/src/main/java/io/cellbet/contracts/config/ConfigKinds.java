package io.cellbet.contracts.config;

/** Kinds of versioned configuration; a change is keyed by kind and key (for a brand: its code). */
public final class ConfigKinds {

    public static final String BRAND = "brand";

    /**
     * A brand's sportsbook content overrides ({@link SportsbookContent}): what is hidden, margins per
     * sport, featured events. Key: the brand's code.
     */
    public static final String SPORTSBOOK_CONTENT = "sportsbook-content";

    /** A brand's sportsbook limits ({@link BetLimits}): stakes, payouts, live delays, liability caps. Key: the brand's code. */
    public static final String BET_LIMITS = "bet-limits";

    /** The control plane's ops-token key ({@link OpsKey}). Key: {@link OpsKey#CURRENT}. */
    public static final String OPS_KEY = "ops-key";

    /**
     * The config store itself: written once when the store takes a new id, so every cell hears
     * of the new history and resynchronises. Key {@code epoch}, value {@code {"reason": ...}}.
     */
    public static final String STORE = "store";

    private ConfigKinds() {
    }
}
