package io.cellbet.wallet.domain;

import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Applies a batch of commands, in order, to the accounts and transfers the writer locked for
 * it, and collects what must be written. This is the whole of the ledger's rules; it knows no
 * database. A refused command changes nothing, so one bad request never spoils its batch.
 */
public final class LedgerBatch {

    /** What a key was applied to before: the hash of that request and its transfers. */
    public record PriorRequest(byte[] requestHash, List<Transfer> transfers) {
    }

    private final Map<Long, LedgerAccount> accounts;
    private final Map<String, PriorRequest> priorByKey;
    private final Map<UUID, Transfer> reservations;
    private final Instant now;
    private final Supplier<UUID> transferIds;

    private final List<Transfer> created = new ArrayList<>();
    private final Map<UUID, Transfer> closed = new LinkedHashMap<>();
    private final List<PostedEntry> entries = new ArrayList<>();

    public LedgerBatch(Map<Long, LedgerAccount> accounts, Map<String, PriorRequest> priorByKey,
            Map<UUID, Transfer> reservations, Instant now, Supplier<UUID> transferIds) {
        this.accounts = accounts;
        this.priorByKey = new HashMap<>(priorByKey);
        this.reservations = new HashMap<>(reservations);
        this.now = now;
        this.transferIds = transferIds;
    }

    public LedgerOutcome apply(LedgerCommand command) {
        if (command instanceof LedgerCommand.PostTransfers transfers) {
            return postTransfers(transfers);
        }
        if (command instanceof LedgerCommand.Reserve reserve) {
            return reserve(reserve);
        }
        if (command instanceof LedgerCommand.PostReservation post) {
            return postReservation(post.reservationId());
        }
        LedgerCommand.VoidReservation voiding = (LedgerCommand.VoidReservation) command;
        return voidReservation(voiding.reservationId(), voiding.expired());
    }

    /** Transfers this batch created, in the order they were applied. */
    public List<Transfer> createdTransfers() {
        return created;
    }

    /** Reservations created before this batch that it posted, voided or expired. */
    public Collection<Transfer> closedReservations() {
        return closed.values();
    }

    public List<PostedEntry> entries() {
        return entries;
    }

    /** Accounts whose balance or reservations changed, with their final state. */
    public List<LedgerAccount> changedAccounts() {
        return accounts.values().stream().filter(LedgerAccount::changed).sorted(
                (a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    private LedgerOutcome postTransfers(LedgerCommand.PostTransfers command) {
        LedgerOutcome replay = replay(command.idempotencyKey(), command.requestHash());
        if (replay != null) {
            return replay;
        }
        Map<Long, Long> netByAccount = new HashMap<>();
        for (TransferLeg leg : command.legs()) {
            LedgerOutcome.Refused refused = checkAccounts(leg);
            if (refused != null) {
                return refused;
            }
            LedgerAccount debit = accounts.get(leg.debitAccountId());
            long debitedSoFar = -netByAccount.getOrDefault(debit.id(), 0L);
            if (!debit.canDebit(leg.amountMinor(), debitedSoFar)) {
                return insufficientFunds(debit, leg.amountMinor());
            }
            netByAccount.merge(debit.id(), -leg.amountMinor(), Long::sum);
            netByAccount.merge(leg.creditAccountId(), leg.amountMinor(), Long::sum);
        }
        List<Transfer> transfers = new ArrayList<>(command.legs().size());
        for (int position = 0; position < command.legs().size(); position++) {
            TransferLeg leg = command.legs().get(position);
            Transfer transfer = newTransfer(command.idempotencyKey(), position, leg, TransferStatus.POSTED, null,
                    now);
            move(transfer);
            transfers.add(transfer);
        }
        created.addAll(transfers);
        priorByKey.put(command.idempotencyKey(), new PriorRequest(command.requestHash(), transfers));
        return new LedgerOutcome.Applied(transfers, false);
    }

    private LedgerOutcome reserve(LedgerCommand.Reserve command) {
        LedgerOutcome replay = replay(command.idempotencyKey(), command.requestHash());
        if (replay != null) {
            return replay;
        }
        TransferLeg leg = command.leg();
        LedgerOutcome.Refused refused = checkAccounts(leg);
        if (refused != null) {
            return refused;
        }
        LedgerAccount debit = accounts.get(leg.debitAccountId());
        if (!debit.canDebit(leg.amountMinor(), 0)) {
            return insufficientFunds(debit, leg.amountMinor());
        }
        debit.reserve(leg.amountMinor());
        Transfer reservation = newTransfer(command.idempotencyKey(), 0, leg, TransferStatus.PENDING,
                command.expiresAt(), null);
        created.add(reservation);
        reservations.put(reservation.id(), reservation);
        priorByKey.put(command.idempotencyKey(), new PriorRequest(command.requestHash(), List.of(reservation)));
        return new LedgerOutcome.Applied(List.of(reservation), false);
    }

    private LedgerOutcome postReservation(UUID reservationId) {
        Transfer reservation = reservations.get(reservationId);
        if (reservation == null) {
            return new LedgerOutcome.Refused(Rejection.RESERVATION_NOT_FOUND, "No reservation " + reservationId + ".");
        }
        if (reservation.status() == TransferStatus.POSTED) {
            return new LedgerOutcome.Applied(List.of(reservation), true);
        }
        if (reservation.status() != TransferStatus.PENDING) {
            return closedRefusal(reservation);
        }
        if (!reservation.expiresAt().isAfter(now)) {
            return new LedgerOutcome.Refused(Rejection.RESERVATION_CLOSED,
                    "Reservation " + reservationId + " expired at " + reservation.expiresAt() + ".");
        }
        accounts.get(reservation.debitAccountId()).release(reservation.amountMinor());
        Transfer posted = withStatus(reservation, TransferStatus.POSTED);
        move(posted);
        close(posted);
        return new LedgerOutcome.Applied(List.of(posted), false);
    }

    private LedgerOutcome voidReservation(UUID reservationId, boolean expired) {
        Transfer reservation = reservations.get(reservationId);
        if (reservation == null) {
            return new LedgerOutcome.Refused(Rejection.RESERVATION_NOT_FOUND, "No reservation " + reservationId + ".");
        }
        if (reservation.status() == TransferStatus.VOIDED || reservation.status() == TransferStatus.EXPIRED) {
            return new LedgerOutcome.Applied(List.of(reservation), true);
        }
        if (reservation.status() != TransferStatus.PENDING) {
            return closedRefusal(reservation);
        }
        if (expired && reservation.expiresAt().isAfter(now)) {
            // The sweeper read an expiry that has not come (clock skew between replicas): leave it.
            return new LedgerOutcome.Refused(Rejection.RESERVATION_CLOSED,
                    "Reservation " + reservationId + " holds until " + reservation.expiresAt() + ".");
        }
        accounts.get(reservation.debitAccountId()).release(reservation.amountMinor());
        Transfer voided = withStatus(reservation, expired ? TransferStatus.EXPIRED : TransferStatus.VOIDED);
        close(voided);
        return new LedgerOutcome.Applied(List.of(voided), false);
    }

    private LedgerOutcome replay(String key, byte[] requestHash) {
        PriorRequest prior = priorByKey.get(key);
        if (prior == null) {
            return null;
        }
        if (!Arrays.equals(prior.requestHash(), requestHash)) {
            return new LedgerOutcome.Refused(Rejection.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency key '" + key + "' was used for a different request.");
        }
        List<Transfer> current = prior.transfers().stream()
                .map(transfer -> reservations.getOrDefault(transfer.id(), transfer)).toList();
        return new LedgerOutcome.Applied(current, true);
    }

    private LedgerOutcome.Refused checkAccounts(TransferLeg leg) {
        for (long accountId : new long[] {leg.debitAccountId(), leg.creditAccountId()}) {
            LedgerAccount account = accounts.get(accountId);
            if (account == null) {
                return new LedgerOutcome.Refused(Rejection.UNKNOWN_ACCOUNT, "No account " + accountId + ".");
            }
            if (!account.currency().equals(leg.currency())) {
                return new LedgerOutcome.Refused(Rejection.CURRENCY_MISMATCH, "Account " + accountId + " holds "
                        + account.currency() + ", the transfer is in " + leg.currency() + ".");
            }
        }
        return null;
    }

    private static LedgerOutcome.Refused insufficientFunds(LedgerAccount debit, long amountMinor) {
        return new LedgerOutcome.Refused(Rejection.INSUFFICIENT_FUNDS, "Account " + debit.id() + " cannot pay "
                + amountMinor + ": " + (debit.balanceMinor() - debit.pendingDebitsMinor()) + " available.");
    }

    private static LedgerOutcome.Refused closedRefusal(Transfer reservation) {
        return new LedgerOutcome.Refused(Rejection.RESERVATION_CLOSED,
                "Reservation " + reservation.id() + " is " + reservation.status().code() + ".");
    }

    private void move(Transfer transfer) {
        long debitAfter = accounts.get(transfer.debitAccountId()).post(-transfer.amountMinor());
        long creditAfter = accounts.get(transfer.creditAccountId()).post(transfer.amountMinor());
        entries.add(new PostedEntry(transfer.debitAccountId(), transfer.id(), -transfer.amountMinor(), debitAfter, now));
        entries.add(new PostedEntry(transfer.creditAccountId(), transfer.id(), transfer.amountMinor(), creditAfter, now));
    }

    private void close(Transfer transfer) {
        reservations.put(transfer.id(), transfer);
        int index = indexOfCreated(transfer.id());
        if (index >= 0) {
            // Reserved and closed in the same batch: write the final row once.
            created.set(index, transfer);
        } else {
            closed.put(transfer.id(), transfer);
        }
    }

    private int indexOfCreated(UUID id) {
        for (int i = created.size() - 1; i >= 0; i--) {
            if (created.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private Transfer withStatus(Transfer transfer, TransferStatus status) {
        return new Transfer(transfer.id(), transfer.requestKey(), transfer.position(), transfer.debitAccountId(),
                transfer.creditAccountId(), transfer.currency(), transfer.amountMinor(), transfer.type(),
                transfer.reference(), transfer.metadata(), status, transfer.expiresAt(), transfer.createdAt(), now);
    }

    private Transfer newTransfer(String key, int position, TransferLeg leg, TransferStatus status, Instant expiresAt,
            Instant completedAt) {
        return new Transfer(transferIds.get(), key, position, leg.debitAccountId(), leg.creditAccountId(),
                leg.currency(), leg.amountMinor(), leg.type(), leg.reference(), leg.metadata(), status, expiresAt, now,
                completedAt);
    }
}
