package io.cellbet.wallet.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The wallet as other modules use it. Every money movement of a cell goes through here.
 *
 * <p>Movements are applied by the ledger writer, which commits many requests per database
 * transaction; the stages complete after that commit, on the writer's thread, so callers
 * must not block in their continuations.
 */
public interface WalletApi {

    /** Opens the player's account of this kind and currency, or returns the one already open. */
    Account openPlayerAccount(String brand, String playerId, AccountKind kind, String currency);

    /** The brand's house account of this kind and currency, opened on first use. */
    Account houseAccount(String brand, AccountKind kind, String currency);

    Optional<Account> account(long accountId);

    List<Account> playerAccounts(String brand, String playerId);

    /** The brand's house accounts, every kind and currency. */
    List<Account> houseAccounts(String brand);

    /** Posts the request's transfers, all or none. */
    CompletionStage<TransferResult> transfer(TransferRequest request);

    /** Reserves an amount on the debit account: the first phase of a two-phase transfer. */
    CompletionStage<ReservationResult> reserve(ReserveRequest request);

    /**
     * Applies movements now, in the caller's transaction, as one ledger batch: they commit or roll back with the
     * caller's own writes, so a module can make a movement and its record of it one change. Each answers as its own
     * request would ({@code transfer}, {@code reserve}, {@link #post}); an accepted reservation's transfers are the
     * pending one, an accepted posting's the reservation as posted. The accounts involved stay locked until the
     * caller's transaction ends: the caller must not wait for anything the ledger's writer could be waiting for
     * meanwhile.
     */
    List<TransferResult> applyInTransaction(List<Movement> movements);

    /** Posts a pending reservation: the money moves. Posting a posted reservation answers it again. */
    CompletionStage<ReservationResult> post(UUID reservationId);

    /** Releases a pending reservation. Voiding a voided reservation answers it again. */
    CompletionStage<ReservationResult> voidReservation(UUID reservationId);

    Optional<Transfer> transfer(UUID transferId);

    /** The transfers a request applied under this idempotency key, in request order; empty when none did. */
    List<Transfer> transfersOfRequest(String idempotencyKey);

    /** What moved through the account since {@code since}, by transfer type (posted, plus pending reservations). */
    AccountActivity activity(long accountId, Instant since);

    /** Statement lines older than {@code beforeEntryId} (newest first when {@code null}), at most {@code limit}. */
    StatementPage statement(long accountId, Long beforeEntryId, int limit);
}
