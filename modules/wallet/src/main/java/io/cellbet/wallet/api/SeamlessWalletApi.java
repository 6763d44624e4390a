package io.cellbet.wallet.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Money movements of seamless brands: each one a signed HTTP call to the brand's own wallet
 * (docs/brand-wallet-api.md), recorded in the shadow ledger before it is sent and after it is
 * answered.
 *
 * <p>The methods block for at most one call to the brand (the configured timeouts); call them
 * from a worker thread and outside a database transaction, since each records its own.
 */
public interface SeamlessWalletApi {

    /** Most calls one {@link #calls} page returns. */
    int PAGE_SIZE_MAX = 500;

    /**
     * Takes money from the player in the brand's wallet. Only {@link SeamlessDebitResult.Approved}
     * means it was taken; a lost answer is rolled back in the background until acknowledged.
     */
    SeamlessDebitResult debit(SeamlessDebitRequest request);

    /** Gives money to the player in the brand's wallet; once recorded it is retried until acknowledged. */
    SeamlessCreditResult credit(SeamlessCreditRequest request);

    /** Undoes an approved (or unknown) debit; retried until acknowledged. */
    SeamlessRollbackResult rollback(UUID debitTransferId);

    /**
     * Asks the brand's wallet for the player's balance, waiting at most the short
     * {@code balance-timeout}. A read: nothing is recorded in the shadow ledger and nothing is retried.
     *
     * @param playerId  the player's id at the brand, as the brand knows it
     */
    SeamlessBalanceResult balance(String brand, String playerId, String currency);

    /** Puts a call the brand rejected back in line (after ops fixed its cause); false when it is not a rejected credit or rollback. */
    boolean retryRejected(UUID transferId);

    Optional<SeamlessCall> call(UUID transferId);

    /** Calls newest first, optionally filtered, recorded before {@code beforeSeq} when given; at most {@code limit}. */
    List<SeamlessCall> calls(String brand, String playerId, SeamlessCallStatus status, Long beforeSeq, int limit);

    /** Every sending of a call, oldest first. */
    List<SeamlessAttempt> attempts(UUID transferId);
}
