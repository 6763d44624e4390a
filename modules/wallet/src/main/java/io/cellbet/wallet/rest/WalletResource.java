package io.cellbet.wallet.rest;

import io.cellbet.platform.money.Money;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.QueryParameters;
import io.cellbet.platform.web.RequestContexts;
import io.cellbet.wallet.api.Account;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.api.ReservationResult;
import io.cellbet.wallet.api.StatementPage;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferResult;
import io.cellbet.wallet.application.Wallet;
import io.cellbet.wallet.domain.RequestRules;
import io.cellbet.wallet.persistence.Ledger;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The wallet for ops and back-office tools: {@code /api/wallet}. Money-moving calls answer
 * after the ledger committed them, without holding a thread while they wait.
 *
 * <p>Players will reach their own balance and statement through the accounts module, which
 * checks the player's token and then calls the same {@link io.cellbet.wallet.api.WalletApi}.
 */
@Path("/api/wallet")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Wallet")
public class WalletResource {

    private static final int REASON_LENGTH_MAX = RequestRules.METADATA_VALUE_LENGTH_MAX;

    private final Wallet wallet;

    public WalletResource(Wallet wallet) {
        this.wallet = wallet;
    }

    @POST
    @Path("/accounts")
    @Operation(summary = "Open a player or house account (or find the one already open)")
    @APIResponse(responseCode = "201", description = "Opened")
    @APIResponse(responseCode = "200", description = "Already open: the existing account")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST with field errors")
    public Response open(WalletBodies.OpenAccount body) {
        List<RequestRules.Violation> violations = new ArrayList<>();
        if (body == null) {
            return WalletProblems.invalid(List.of(new RequestRules.Violation("body", "is required")));
        }
        checkOwner("brand", body.brand(), violations);
        AccountKind kind = body.kind() == null ? null : AccountKind.fromCode(body.kind()).orElse(null);
        if (kind == null) {
            violations.add(new RequestRules.Violation("kind", "must be one of " + kinds()));
        } else if (kind.player()) {
            checkOwner("playerId", body.playerId(), violations);
        } else if (body.playerId() != null) {
            violations.add(new RequestRules.Violation("playerId", "must be absent for a house account"));
        }
        if (!Money.isCurrencyCode(body.currency())) {
            violations.add(new RequestRules.Violation("currency", "must be an ISO 4217 code such as EUR"));
        }
        if (!violations.isEmpty()) {
            return WalletProblems.invalid(violations);
        }
        Ledger.Opened opened = wallet.open(body.brand(), body.playerId(), kind, body.currency());
        return (opened.created() ? Response.created(URI.create("/api/wallet/accounts/" + opened.account().id()))
                : Response.ok()).entity(opened.account()).build();
    }

    @GET
    @Path("/accounts/{id}")
    @Operation(summary = "An account with its balance, reserved and available amounts")
    @APIResponse(responseCode = "404", description = "UNKNOWN_ACCOUNT")
    public Account account(@PathParam("id") String id) {
        return wallet.account(accountId(id)).orElseThrow(() -> unknownAccount(id));
    }

    @GET
    @Path("/accounts")
    @Operation(summary = "A player's accounts (brand and playerId), or a brand's house accounts (brand only)")
    public List<Account> accounts(@QueryParam("brand") String brand, @QueryParam("playerId") String playerId) {
        List<RequestRules.Violation> violations = new ArrayList<>();
        checkOwner("brand", brand, violations);
        if (playerId != null) {
            checkOwner("playerId", playerId, violations);
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.of(400, Rejection.INVALID_REQUEST.name(), "Invalid request",
                    "Query parameters are invalid.", fieldErrors(violations)));
        }
        return playerId == null ? wallet.houseAccounts(brand) : wallet.playerAccounts(brand, playerId);
    }

    @GET
    @Path("/accounts/{id}/statement")
    @Operation(summary = "An account's statement, newest first, paged by entry id")
    @APIResponse(responseCode = "400", description = "invalid-parameter (limit above " + StatementPage.LIMIT_MAX + ")")
    @APIResponse(responseCode = "404", description = "UNKNOWN_ACCOUNT")
    public StatementPage statement(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("before") String before) {
        long accountId = accountId(id);
        int pageSize = QueryParameters.count("limit", limit, 50, 1, StatementPage.LIMIT_MAX);
        Long beforeEntry = before == null ? null : QueryParameters.wholeNumber("before", before, 0, 1, Long.MAX_VALUE);
        if (wallet.account(accountId).isEmpty()) {
            throw unknownAccount(id);
        }
        return wallet.statement(accountId, beforeEntry, pageSize);
    }

    @POST
    @Path("/transfers")
    @Operation(summary = "Post transfers, all or none, under one idempotency key")
    @APIResponse(responseCode = "201", description = "Posted")
    @APIResponse(responseCode = "200", description = "The key was applied before with the same content: the original result")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST with field errors; malformed-json")
    @APIResponse(responseCode = "409", description = "INSUFFICIENT_FUNDS, IDEMPOTENCY_KEY_REUSED")
    @APIResponse(responseCode = "422", description = "UNKNOWN_ACCOUNT, CURRENCY_MISMATCH")
    @APIResponse(responseCode = "503", description = "LEDGER_BUSY, LEDGER_UNAVAILABLE: retry with the same key")
    public CompletionStage<Response> transfer(WalletBodies.TransferRequest body) {
        if (body == null) {
            return done(WalletProblems.invalid(List.of(new RequestRules.Violation("body", "is required"))));
        }
        return RequestContexts.resume(submit(body));
    }

    @POST
    @Path("/transfer-batches")
    @Operation(summary = "Post up to " + WalletBodies.TransferBatch.REQUESTS_MAX + " independent transfer requests "
            + "in one call; each is applied under its own key and answered as POST /transfers would answer it")
    @APIResponse(responseCode = "200", description = "Every request answered: results[i] is the status and body "
            + "POST /transfers would have answered for requests[i] (201, 200, 400, 409, 422 or 503)")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST (no requests, more than "
            + WalletBodies.TransferBatch.REQUESTS_MAX + ", a null request); malformed-json")
    public CompletionStage<Response> transferBatch(WalletBodies.TransferBatch body) {
        List<WalletBodies.TransferRequest> requests = body == null ? null : body.requests();
        if (requests == null || requests.isEmpty() || requests.size() > WalletBodies.TransferBatch.REQUESTS_MAX) {
            return done(WalletProblems.invalid(List.of(new RequestRules.Violation("requests",
                    "must hold 1 to " + WalletBodies.TransferBatch.REQUESTS_MAX + " transfer requests"))));
        }
        List<RequestRules.Violation> missing = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) == null) {
                missing.add(new RequestRules.Violation("requests[" + i + "]", "is required"));
            }
        }
        if (!missing.isEmpty()) {
            return done(WalletProblems.invalid(missing));
        }
        // Every request goes to the ledger writer at once, so they share its batches; the answer
        // waits for the last of them and returns to the request's context once.
        List<CompletableFuture<Response>> answers = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            answers.add(submit(requests.get(i)).toCompletableFuture());
        }
        CompletionStage<Response> all = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    List<WalletBodies.TransferBatchResult> results = new ArrayList<>(requests.size());
                    for (int i = 0; i < requests.size(); i++) {
                        Response answer = answers.get(i).join();
                        results.add(new WalletBodies.TransferBatchResult(requests.get(i).idempotencyKey(),
                                answer.getStatus(), answer.getEntity()));
                    }
                    return Response.ok(new WalletBodies.TransferBatchResults(results)).build();
                });
        return RequestContexts.resume(all);
    }

    /**
     * Validates one transfer request and hands it to the ledger; completes, on the writer's thread,
     * with what {@code POST /transfers} answers.
     */
    private CompletionStage<Response> submit(WalletBodies.TransferRequest body) {
        List<RequestRules.Violation> violations = new ArrayList<>();
        List<TransferLeg> legs = new ArrayList<>();
        List<WalletBodies.Leg> given = body.transfers() == null ? List.of() : body.transfers();
        for (int i = 0; i < given.size(); i++) {
            legs.add(leg(given.get(i), "transfers[" + i + "].", violations));
        }
        io.cellbet.wallet.api.TransferRequest request = new io.cellbet.wallet.api.TransferRequest(body.idempotencyKey(),
                legs);
        violations.addAll(RequestRules.check(request));
        if (!violations.isEmpty()) {
            return done(WalletProblems.invalid(dropDuplicates(violations)));
        }
        return wallet.transfer(request).handle((result, failure) -> failure != null ? WalletProblems.failed(failure)
                : transferAnswer(body.idempotencyKey(), result));
    }

    @GET
    @Path("/transfers/{id}")
    @Operation(summary = "A transfer or reservation by its id")
    @APIResponse(responseCode = "404", description = "TRANSFER_NOT_FOUND")
    public Transfer transfer(@PathParam("id") String id) {
        return parseUuid(id).flatMap(wallet::transfer).orElseThrow(() -> ProblemException.notFound(
                "TRANSFER_NOT_FOUND", "No transfer " + id + "."));
    }

    @POST
    @Path("/reservations")
    @Operation(summary = "Reserve an amount (first phase of a two-phase transfer); it expires after holdSeconds")
    @APIResponse(responseCode = "201", description = "Reserved: a transfer with status pending")
    @APIResponse(responseCode = "200", description = "The key was applied before: the reservation as it stands")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST with field errors")
    @APIResponse(responseCode = "409", description = "INSUFFICIENT_FUNDS, IDEMPOTENCY_KEY_REUSED")
    @APIResponse(responseCode = "422", description = "UNKNOWN_ACCOUNT, CURRENCY_MISMATCH")
    public CompletionStage<Response> reserve(WalletBodies.ReserveRequest body) {
        if (body == null) {
            return done(WalletProblems.invalid(List.of(new RequestRules.Violation("body", "is required"))));
        }
        List<RequestRules.Violation> violations = new ArrayList<>();
        TransferLeg leg = leg(new WalletBodies.Leg(body.debitAccountId(), body.creditAccountId(), body.amountMinor(),
                body.currency(), body.type(), body.reference(), body.metadata()), "", violations);
        if (body.holdSeconds() == null) {
            violations.add(new RequestRules.Violation("holdSeconds", "is required"));
        }
        io.cellbet.wallet.api.ReserveRequest request = new io.cellbet.wallet.api.ReserveRequest(body.idempotencyKey(),
                leg, body.holdSeconds() == null ? Duration.ofSeconds(1) : Duration.ofSeconds(body.holdSeconds()));
        violations.addAll(RequestRules.check(request));
        if (!violations.isEmpty()) {
            return done(WalletProblems.invalid(dropDuplicates(violations)));
        }
        return RequestContexts.resume(wallet.reserve(request)).handle((result, failure) -> failure != null
                ? WalletProblems.failed(failure) : reservationAnswer(result, true));
    }

    @POST
    @Path("/reservations/{id}/post")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Post a reservation: the reserved money moves")
    @APIResponse(responseCode = "404", description = "RESERVATION_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "RESERVATION_CLOSED (voided or expired)")
    public CompletionStage<Response> post(@PathParam("id") String id) {
        return closeReservation(id, wallet::post);
    }

    @POST
    @Path("/reservations/{id}/void")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Void a reservation: the reserved money is released")
    @APIResponse(responseCode = "404", description = "RESERVATION_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "RESERVATION_CLOSED (already posted)")
    public CompletionStage<Response> voidReservation(@PathParam("id") String id) {
        return closeReservation(id, wallet::voidReservation);
    }

    @POST
    @Path("/adjustments")
    @Blocking
    @Operation(summary = "A manual adjustment by ops, against the brand's adjustments account, with a reason")
    @APIResponse(responseCode = "201", description = "Posted")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST with field errors")
    @APIResponse(responseCode = "409", description = "INSUFFICIENT_FUNDS, IDEMPOTENCY_KEY_REUSED")
    @APIResponse(responseCode = "422", description = "UNKNOWN_ACCOUNT")
    public CompletionStage<Response> adjust(WalletBodies.Adjustment body) {
        if (body == null) {
            return done(WalletProblems.invalid(List.of(new RequestRules.Violation("body", "is required"))));
        }
        List<RequestRules.Violation> violations = new ArrayList<>();
        if (body.accountId() == null || body.accountId() <= 0) {
            violations.add(new RequestRules.Violation("accountId", "must be an account id"));
        }
        if (body.amountMinor() == null || body.amountMinor() == 0
                || Math.abs(body.amountMinor()) > RequestRules.AMOUNT_MINOR_MAX) {
            violations.add(new RequestRules.Violation("amountMinor", "must be a non-zero whole number of minor units "
                    + "(positive credits the account, negative debits it)"));
        }
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > REASON_LENGTH_MAX) {
            violations.add(new RequestRules.Violation("reason", "must be 1 to " + REASON_LENGTH_MAX + " characters"));
        }
        if (!violations.isEmpty()) {
            return done(WalletProblems.invalid(violations));
        }
        Account account = wallet.account(body.accountId()).orElse(null);
        if (account == null) {
            return done(WalletProblems.rejected(Rejection.UNKNOWN_ACCOUNT, "No account " + body.accountId() + "."));
        }
        if (account.kind() == AccountKind.ADJUSTMENTS) {
            return done(WalletProblems.invalid(List.of(new RequestRules.Violation("accountId",
                    "must not be an adjustments account itself"))));
        }
        Account counterpart = wallet.houseAccount(account.brand(), AccountKind.ADJUSTMENTS, account.currency());
        boolean credit = body.amountMinor() > 0;
        // The reason goes into the transfer's metadata in full, so the statement explains itself.
        TransferLeg leg = new TransferLeg(credit ? counterpart.id() : account.id(),
                credit ? account.id() : counterpart.id(), Math.abs(body.amountMinor()), account.currency(),
                "adjustment", null, Map.of("reason", body.reason()));
        io.cellbet.wallet.api.TransferRequest request = io.cellbet.wallet.api.TransferRequest.of(body.idempotencyKey(),
                leg);
        List<RequestRules.Violation> requestViolations = RequestRules.check(request);
        if (!requestViolations.isEmpty()) {
            return done(WalletProblems.invalid(requestViolations));
        }
        return RequestContexts.resume(wallet.transfer(request)).handle((result, failure) -> failure != null
                ? WalletProblems.failed(failure) : transferAnswer(body.idempotencyKey(), result));
    }

    private CompletionStage<Response> closeReservation(String id,
            Function<UUID, CompletionStage<ReservationResult>> close) {
        UUID reservationId = parseUuid(id).orElse(null);
        if (reservationId == null) {
            return done(WalletProblems.rejected(Rejection.RESERVATION_NOT_FOUND, "No reservation " + id + "."));
        }
        return RequestContexts.resume(close.apply(reservationId)).handle((result, failure) -> failure != null
                ? WalletProblems.failed(failure) : reservationAnswer(result, false));
    }

    private static Response transferAnswer(String key, TransferResult result) {
        if (result instanceof TransferResult.Accepted accepted) {
            WalletBodies.Transfers body = new WalletBodies.Transfers(key, accepted.replayed(), accepted.transfers());
            return accepted.replayed() ? Response.ok(body).build()
                    : created("/api/wallet/transfers/" + accepted.transfers().get(0).id(), body);
        }
        TransferResult.Rejected rejected = (TransferResult.Rejected) result;
        return WalletProblems.rejected(rejected.reason(), rejected.detail());
    }

    private static Response reservationAnswer(ReservationResult result, boolean creating) {
        if (result instanceof ReservationResult.Accepted accepted) {
            Transfer reservation = accepted.reservation();
            return creating && !accepted.replayed()
                    ? created("/api/wallet/transfers/" + reservation.id(), reservation)
                    : Response.ok(reservation).build();
        }
        ReservationResult.Rejected rejected = (ReservationResult.Rejected) result;
        return WalletProblems.rejected(rejected.reason(), rejected.detail());
    }

    private static TransferLeg leg(WalletBodies.Leg leg, String prefix, List<RequestRules.Violation> violations) {
        if (leg == null) {
            violations.add(new RequestRules.Violation(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "is required"));
            return new TransferLeg(0, 0, 0, null, null, null, null);
        }
        required(leg.debitAccountId(), prefix + "debitAccountId", violations);
        required(leg.creditAccountId(), prefix + "creditAccountId", violations);
        required(leg.amountMinor(), prefix + "amountMinor", violations);
        return new TransferLeg(orZero(leg.debitAccountId()), orZero(leg.creditAccountId()), orZero(leg.amountMinor()),
                leg.currency(), leg.type(), leg.reference(), leg.metadata());
    }

    private static void required(Long value, String field, List<RequestRules.Violation> violations) {
        if (value == null) {
            violations.add(new RequestRules.Violation(field, "is required"));
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** A missing field is reported once, as missing, not also as out of range. */
    private static List<RequestRules.Violation> dropDuplicates(List<RequestRules.Violation> violations) {
        Map<String, RequestRules.Violation> byField = new LinkedHashMap<>();
        violations.forEach(violation -> byField.putIfAbsent(violation.field(), violation));
        return List.copyOf(byField.values());
    }

    private static void checkOwner(String field, String value, List<RequestRules.Violation> violations) {
        if (value == null || value.isBlank() || value.length() > Wallet.OWNER_LENGTH_MAX) {
            violations.add(new RequestRules.Violation(field, "must be 1 to " + Wallet.OWNER_LENGTH_MAX + " characters"));
        }
    }

    private static List<Problem.FieldError> fieldErrors(List<RequestRules.Violation> violations) {
        return violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList();
    }

    private static String kinds() {
        return Arrays.stream(AccountKind.values()).map(AccountKind::code).toList().toString();
    }

    private static long accountId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw unknownAccount(id);
    }

    private static ProblemException unknownAccount(String id) {
        return ProblemException.notFound(Rejection.UNKNOWN_ACCOUNT.name(), "No account " + id + ".");
    }

    private static Optional<UUID> parseUuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A 201 with a path as Location: a relative URI would need the request, gone by the time the ledger answers. */
    private static Response created(String location, Object body) {
        return Response.status(Response.Status.CREATED).header("Location", location).entity(body).build();
    }

    private static CompletionStage<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}
