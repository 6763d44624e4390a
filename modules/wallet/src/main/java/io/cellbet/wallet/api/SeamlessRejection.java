package io.cellbet.wallet.api;

/**
 * Why a seamless wallet operation was refused, by Cellbet before sending it or by the brand's
 * wallet (its error codes, docs/brand-wallet-api.md). A refused operation applied nothing.
 */
public enum SeamlessRejection {
    /** The request is malformed (see the detail); or the brand answered INVALID_REQUEST. */
    INVALID_REQUEST,
    /** The brand is unknown, runs the internal wallet, or has no usable seamless configuration. */
    BRAND_NOT_SEAMLESS,
    /** The transfer id was used before for a different operation or content. */
    IDEMPOTENCY_KEY_REUSED,
    /** A rollback names a debit this cell never recorded. */
    DEBIT_NOT_FOUND,
    /** A rollback names a debit that is still being sent; ask again when it has an answer. */
    DEBIT_IN_PROGRESS,
    /** A rollback names a debit the brand declined: there is nothing to undo. */
    NOTHING_TO_ROLL_BACK,
    /** The brand: the player's balance is too low. */
    INSUFFICIENT_FUNDS,
    /** The brand: no such player. */
    PLAYER_NOT_FOUND,
    /** The brand: the player may not play. */
    PLAYER_BLOCKED,
    /** The brand: the player's wallet is in another currency. */
    CURRENCY_MISMATCH,
    /** The brand refused the signature (wrong secret). */
    INVALID_SIGNATURE,
    /** The brand refused the timestamp (clocks apart by more than 300 s). */
    STALE_TIMESTAMP,
    /** The brand saw this transaction id before with other content. */
    TRANSACTION_CONFLICT,
    /** The brand had already rolled this debit back before it arrived. */
    ALREADY_ROLLED_BACK,
    /** The brand refused with a code this version does not know; see the detail. */
    BRAND_REFUSED;

    /** The rejection for a brand's error code; {@link #BRAND_REFUSED} for codes not in the API. */
    public static SeamlessRejection ofBrandCode(String code) {
        switch (code == null ? "" : code) {
            case "INVALID_REQUEST":
            case "INSUFFICIENT_FUNDS":
            case "PLAYER_NOT_FOUND":
            case "PLAYER_BLOCKED":
            case "CURRENCY_MISMATCH":
            case "INVALID_SIGNATURE":
            case "STALE_TIMESTAMP":
            case "TRANSACTION_CONFLICT":
            case "ALREADY_ROLLED_BACK":
                return valueOf(code);
            default:
                return BRAND_REFUSED;
        }
    }
}
