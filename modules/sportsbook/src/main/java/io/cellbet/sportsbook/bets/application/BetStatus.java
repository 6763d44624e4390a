package io.cellbet.sportsbook.bets.application;

/** The statuses a bet and its stake go through, as stored. */
final class BetStatus {

    static final String PLACING = "placing";
    static final String PENDING = "pending";
    static final String OPEN = "open";
    static final String REJECTED = "rejected";
    static final String SETTLED = "settled";
    static final String VOIDED = "voided";
    static final String CASHED_OUT = "cashed_out";

    static final String STAKE_NONE = "none";
    static final String STAKE_RESERVED = "reserved";
    static final String STAKE_POSTED = "posted";
    static final String STAKE_RELEASED = "released";

    private BetStatus() {
    }
}
