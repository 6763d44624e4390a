package io.cellbet.sportsbook.bets.domain;

/** Why a bet was not accepted. Nothing of a rejected bet stays held: no stake, no exposure. */
public enum BetRejection {
    /** The player may not stake now: see the detail (suspended, timed out, self-excluded, a limit, KYC). */
    PLAYER_RESTRICTED,
    /** The player has no cash account in the brand's currency, or the brand's money is not held by this cell. */
    NO_WALLET,
    /** The event, market or outcome is not in the catalog (or hidden for the brand). */
    UNKNOWN_SELECTION,
    /** The market is not taking bets (suspended, settled, cancelled, producer down) or the outcome is inactive. */
    MARKET_SUSPENDED,
    /** The event has started (or ended) and its market is not a live one. */
    EVENT_STARTED,
    /** The odds moved and the player's odds policy does not accept the new ones. */
    ODDS_CHANGED,
    /** The stake per line is below the minimum for the sport. */
    STAKE_TOO_LOW,
    /** The bet's stake is above the maximum for the sport and player. */
    STAKE_TOO_HIGH,
    /** What the bet could pay is above the maximum payout. */
    PAYOUT_TOO_HIGH,
    /** Accepting the bet would take the cell's liability on an outcome, market or event past its cap. */
    LIABILITY_CAP,
    /** The player's cash is less than the stake. */
    INSUFFICIENT_FUNDS,
    /** The wallet is overloaded: retry with the same key. */
    WALLET_BUSY,
    /** The cell has more bets waiting to be written than it takes (or is stopping): retry with the same key. */
    CELL_BUSY,
    /** The cell stopped while placing the bet; its stake was given back. */
    INTERRUPTED
}
