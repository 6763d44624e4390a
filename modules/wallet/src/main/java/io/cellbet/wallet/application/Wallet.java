package io.cellbet.wallet.application;

import io.cellbet.platform.money.Money;
import io.cellbet.wallet.api.Account;
import io.cellbet.wallet.api.AccountActivity;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.Movement;
import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.api.ReservationResult;
import io.cellbet.wallet.api.ReserveRequest;
import io.cellbet.wallet.api.StatementPage;
import io.cellbet.wallet.api.StatementLine;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferRequest;
import io.cellbet.wallet.api.TransferResult;
import io.cellbet.wallet.api.WalletApi;
import io.cellbet.wallet.domain.LedgerCommand;
import io.cellbet.wallet.domain.LedgerOutcome;
import io.cellbet.wallet.domain.RequestRules;
import io.cellbet.wallet.persistence.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/** The wallet facade: checks requests, hands movements to the {@link LedgerWriter}, reads the ledger. */
@ApplicationScoped
public class Wallet implements WalletApi {

    /** Longest brand code or player id an account may carry. */
    public static final int OWNER_LENGTH_MAX = 64;

    private final Ledger ledger;
    private final LedgerWriter writer;

    public Wallet(Ledger ledger, LedgerWriter writer) {
        this.ledger = ledger;
        this.writer = writer;
    }

    @Override
    public Account openPlayerAccount(String brand, String playerId, AccountKind kind, String currency) {
        if (!kind.player()) {
            throw new IllegalArgumentException(kind.code() + " is a house account kind");
        }
        return open(brand, playerId, kind, currency).account();
    }

    @Override
    public Account houseAccount(String brand, AccountKind kind, String currency) {
        if (kind.player()) {
            throw new IllegalArgumentException(kind.code() + " is a player account kind");
        }
        return open(brand, null, kind, currency).account();
    }

    /** Opens an account (a player's when {@code playerId} is given) and says whether it is new. */
    public Ledger.Opened open(String brand, String playerId, AccountKind kind, String currency) {
        checkOwner(brand, kind.player() ? playerId : "house", currency);
        if (kind.player() != (playerId != null)) {
            throw new IllegalArgumentException(kind.code() + (kind.player() ? " needs" : " takes no") + " player");
        }
        return ledger.open(brand, playerId, kind, currency);
    }

    @Override
    public Optional<Account> account(long accountId) {
        return ledger.account(accountId);
    }

    @Override
    public List<Account> playerAccounts(String brand, String playerId) {
        return ledger.playerAccounts(brand, playerId);
    }

    @Override
    public List<Account> houseAccounts(String brand) {
        return ledger.houseAccounts(brand);
    }

    @Override
    public CompletionStage<TransferResult> transfer(TransferRequest request) {
        List<RequestRules.Violation> violations = RequestRules.check(request);
        if (!violations.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new TransferResult.Rejected(Rejection.INVALID_REQUEST, describe(violations)));
        }
        return writer.submit(command(request)).thenApply(Wallet::transferResult);
    }

    @Override
    public CompletionStage<ReservationResult> reserve(ReserveRequest request) {
        List<RequestRules.Violation> violations = RequestRules.check(request);
        if (!violations.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new ReservationResult.Rejected(Rejection.INVALID_REQUEST, describe(violations)));
        }
        return writer.submit(command(request, Instant.now())).thenApply(Wallet::reservationResult);
    }

    @Override
    public List<TransferResult> applyInTransaction(List<Movement> movements) {
        List<TransferResult> results = new ArrayList<>(Collections.nCopies(movements.size(), null));
        List<LedgerCommand> commands = new ArrayList<>();
        List<String> correlationIds = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < movements.size(); i++) {
            Movement movement = movements.get(i);
            List<RequestRules.Violation> violations = movement.transfer() != null
                    ? RequestRules.check(movement.transfer())
                    : movement.reservation() != null ? RequestRules.check(movement.reservation()) : List.of();
            if (!violations.isEmpty()) {
                results.set(i, new TransferResult.Rejected(Rejection.INVALID_REQUEST, describe(violations)));
                continue;
            }
            commands.add(command(movement, now));
            correlationIds.add(movement.correlationId());
            positions.add(i);
        }
        if (!commands.isEmpty()) {
            List<LedgerOutcome> outcomes = writer.applyInCallerTransaction(commands, correlationIds);
            for (int j = 0; j < outcomes.size(); j++) {
                results.set(positions.get(j), transferResult(outcomes.get(j)));
            }
        }
        return results;
    }

    @Override
    public CompletionStage<ReservationResult> post(UUID reservationId) {
        return writer.submit(new LedgerCommand.PostReservation(reservationId)).thenApply(Wallet::reservationResult);
    }

    @Override
    public CompletionStage<ReservationResult> voidReservation(UUID reservationId) {
        return writer.submit(new LedgerCommand.VoidReservation(reservationId, false))
                .thenApply(Wallet::reservationResult);
    }

    /** Releases a reservation whose expiry has passed (the sweeper's call). */
    CompletionStage<ReservationResult> expire(UUID reservationId) {
        return writer.submit(new LedgerCommand.VoidReservation(reservationId, true))
                .thenApply(Wallet::reservationResult);
    }

    @Override
    public Optional<Transfer> transfer(UUID transferId) {
        return ledger.transfer(transferId);
    }

    @Override
    public List<Transfer> transfersOfRequest(String idempotencyKey) {
        return ledger.transfersOfRequest(idempotencyKey);
    }

    @Override
    public AccountActivity activity(long accountId, Instant since) {
        return ledger.activity(accountId, since);
    }

    @Override
    public StatementPage statement(long accountId, Long beforeEntryId, int limit) {
        if (limit < 1 || limit > StatementPage.LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be from 1 to " + StatementPage.LIMIT_MAX);
        }
        List<StatementLine> lines = ledger.statement(accountId, beforeEntryId, limit);
        Long nextBefore = lines.size() == limit ? lines.get(lines.size() - 1).entryId() : null;
        return new StatementPage(accountId, lines, nextBefore);
    }

    private static void checkOwner(String brand, String owner, String currency) {
        if (brand == null || brand.isBlank() || brand.length() > OWNER_LENGTH_MAX || owner == null
                || owner.isBlank() || owner.length() > OWNER_LENGTH_MAX || !Money.isCurrencyCode(currency)) {
            throw new IllegalArgumentException("brand, owner and currency must be given (currency as ISO 4217)");
        }
    }

    /** The ledger's command for a movement whose request passed {@link RequestRules}. */
    private static LedgerCommand command(Movement movement, Instant now) {
        if (movement.transfer() != null) {
            return command(movement.transfer());
        }
        if (movement.reservation() != null) {
            return command(movement.reservation(), now);
        }
        return new LedgerCommand.PostReservation(movement.reservationToPost());
    }

    private static LedgerCommand command(TransferRequest request) {
        return new LedgerCommand.PostTransfers(request.idempotencyKey(), RequestRules.hash(request), request.legs());
    }

    /** The reservation's command; it expires {@code holdFor} after {@code now}. */
    private static LedgerCommand command(ReserveRequest request, Instant now) {
        return new LedgerCommand.Reserve(request.idempotencyKey(), RequestRules.hash(request), request.leg(),
                now.plus(request.holdFor()).truncatedTo(ChronoUnit.MICROS));
    }

    private static String describe(List<RequestRules.Violation> violations) {
        return violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }

    private static TransferResult transferResult(LedgerOutcome outcome) {
        if (outcome instanceof LedgerOutcome.Applied applied) {
            return new TransferResult.Accepted(applied.transfers(), applied.replayed());
        }
        LedgerOutcome.Refused refused = (LedgerOutcome.Refused) outcome;
        return new TransferResult.Rejected(refused.reason(), refused.detail());
    }

    private static ReservationResult reservationResult(LedgerOutcome outcome) {
        if (outcome instanceof LedgerOutcome.Applied applied) {
            return new ReservationResult.Accepted(applied.transfers().get(0), applied.replayed());
        }
        LedgerOutcome.Refused refused = (LedgerOutcome.Refused) outcome;
        return new ReservationResult.Rejected(refused.reason(), refused.detail());
    }
}
