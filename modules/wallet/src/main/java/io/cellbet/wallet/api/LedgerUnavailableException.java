package io.cellbet.wallet.api;

/**
 * The ledger could not commit a request (the database is unreachable, or a constraint caught
 * a bug). Whether an earlier attempt committed is unknown to the caller: retrying with the same
 * idempotency key is always safe.
 */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(Throwable cause) {
        super("The ledger could not commit the request: " + cause.getMessage(), cause);
    }
}
