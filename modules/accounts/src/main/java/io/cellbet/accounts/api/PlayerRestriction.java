package io.cellbet.accounts.api;

/** Why a player may not do something now: the named reasons of {@link AccountsApi}'s refusals. */
public enum PlayerRestriction {
    UNKNOWN_PLAYER,
    ACCOUNT_SUSPENDED,
    ACCOUNT_CLOSED,
    /** The player took a time-out; only withdrawals until it ends. */
    TIMED_OUT,
    /** The player excluded themself (in this brand or another of the operator's); only withdrawals. */
    SELF_EXCLUDED,
    /** The brand requires a verified identity first (its KYC gate). */
    KYC_REQUIRED,
    DEPOSIT_LIMIT,
    LOSS_LIMIT,
    WAGER_LIMIT
}
