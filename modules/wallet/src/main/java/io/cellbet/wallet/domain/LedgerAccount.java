package io.cellbet.wallet.domain;

/**
 * An account row locked by the ledger writer for one batch: the batch applies its requests to
 * these in memory, in order, and writes the final state back once.
 */
public final class LedgerAccount {

    private final long id;
    private final boolean playerOwned;
    private final String currency;
    private long balanceMinor;
    private long pendingDebitsMinor;
    private long version;
    private boolean changed;

    public LedgerAccount(long id, boolean playerOwned, String currency, long balanceMinor, long pendingDebitsMinor,
            long version) {
        this.id = id;
        this.playerOwned = playerOwned;
        this.currency = currency;
        this.balanceMinor = balanceMinor;
        this.pendingDebitsMinor = pendingDebitsMinor;
        this.version = version;
    }

    public long id() {
        return id;
    }

    public boolean playerOwned() {
        return playerOwned;
    }

    public String currency() {
        return currency;
    }

    public long balanceMinor() {
        return balanceMinor;
    }

    public long pendingDebitsMinor() {
        return pendingDebitsMinor;
    }

    public long version() {
        return version;
    }

    public boolean changed() {
        return changed;
    }

    /** What may still be debited: unlimited for house accounts, the available balance for a player's. */
    boolean canDebit(long amountMinor, long alreadyDebitedMinor) {
        if (!playerOwned) {
            return true;
        }
        return balanceMinor - pendingDebitsMinor - alreadyDebitedMinor >= amountMinor;
    }

    /** Adds a signed amount to the balance and returns the balance after it. */
    long post(long signedAmountMinor) {
        balanceMinor = Math.addExact(balanceMinor, signedAmountMinor);
        touch();
        return balanceMinor;
    }

    void reserve(long amountMinor) {
        pendingDebitsMinor = Math.addExact(pendingDebitsMinor, amountMinor);
        touch();
    }

    void release(long amountMinor) {
        if (amountMinor > pendingDebitsMinor) {
            // The reservation row and the account disagree: the ledger is corrupt. Stop here.
            throw new IllegalStateException("account " + id + " releases " + amountMinor + " but holds only "
                    + pendingDebitsMinor);
        }
        pendingDebitsMinor -= amountMinor;
        touch();
    }

    private void touch() {
        if (!changed) {
            version++;
            changed = true;
        }
        assert !playerOwned || balanceMinor - pendingDebitsMinor >= 0 : "player account " + id + " negative";
    }
}
