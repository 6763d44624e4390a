package io.cellbet.wallet.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.platform.money.Money;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.QueryParameters;
import io.cellbet.wallet.api.SeamlessAttempt;
import io.cellbet.wallet.api.SeamlessCall;
import io.cellbet.wallet.api.SeamlessCallStatus;
import io.cellbet.wallet.api.SeamlessCreditRequest;
import io.cellbet.wallet.api.SeamlessCreditResult;
import io.cellbet.wallet.api.SeamlessDebitRequest;
import io.cellbet.wallet.api.SeamlessDebitResult;
import io.cellbet.wallet.api.SeamlessRejection;
import io.cellbet.wallet.api.SeamlessRollbackResult;
import io.cellbet.wallet.api.SeamlessWalletApi;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The seamless wallet's shadow ledger for operators, and a way to move money through it:
 * {@code /api/wallet/seamless}. Every answer of a POST says what came of the call; invalid
 * input is a 400 problem naming each bad field, and nothing is sent for it.
 */
@Path("/api/wallet/seamless")
@Produces(MediaType.APPLICATION_JSON)
public class SeamlessCallResource {

    /** Calls a page holds unless {@code limit} says otherwise. */
    static final int PAGE_SIZE_DEFAULT = 50;

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z_]{0,31}");
    private static final int PLAYER_ID_LENGTH_MAX = 64;
    private static final int REFERENCE_LENGTH_MAX = 128;

    private final SeamlessWalletApi wallet;

    public SeamlessCallResource(SeamlessWalletApi wallet) {
        this.wallet = wallet;
    }

    /**
     * A debit or credit to send.
     *
     * @param transferId   UUID chosen by the caller: the idempotency key (send the same one to retry)
     * @param amountMinor  a positive whole number of minor units (read as JSON so 1.5 is refused, not rounded)
     */
    public record MoneyRequest(String transferId, String brand, String playerId, String currency, JsonNode amountMinor,
            String type, String reference) {
    }

    /** A rollback of a debit. */
    public record RollbackRequest(String debitTransferId) {
    }

    /** What came of a debit, credit or rollback sent through this API. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(UUID transferId, String outcome, SeamlessRejection reason, String detail, Long balanceMinor,
            UUID rollbackTransferId, Boolean rolledBack, Instant nextAttemptAt, boolean replayed) {
    }

    /** A call of the shadow ledger, with the brand's last answer as JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallView(UUID transferId, long seq, String brand, String playerId, String operation, String currency,
            long amountMinor, String type, String reference, UUID originalTransferId, String status,
            SeamlessRejection rejection, int attempts, Instant nextAttemptAt, String lastError, Integer httpStatus,
            Long balanceMinor, @JsonRawValue String response, Instant createdAt, Instant updatedAt) {

        static CallView of(SeamlessCall call) {
            return new CallView(call.transferId(), call.seq(), call.brand(), call.playerId(), call.operation().code(),
                    call.currency(), call.amountMinor(), call.type(), call.reference(), call.originalTransferId(),
                    call.status().code(), call.rejection(), call.attempts(), call.nextAttemptAt(), call.lastError(),
                    call.httpStatus(), call.balanceMinor(), call.responseJson(), call.createdAt(), call.updatedAt());
        }
    }

    @GET
    @Path("/calls")
    public Map<String, Object> calls(@QueryParam("brand") String brand, @QueryParam("playerId") String playerId,
            @QueryParam("status") String status, @QueryParam("before") String before, @QueryParam("limit") String limit) {
        int pageSize = QueryParameters.count("limit", limit, PAGE_SIZE_DEFAULT, 1, SeamlessWalletApi.PAGE_SIZE_MAX);
        SeamlessCallStatus wanted = status == null || status.isEmpty() ? null : status(status);
        Long beforeSeq = before == null || before.isEmpty() ? null
                : QueryParameters.wholeNumber("before", before, 0, 1, Long.MAX_VALUE);
        List<CallView> items = wallet.calls(blankToNull(brand), blankToNull(playerId), wanted, beforeSeq, pageSize)
                .stream().map(CallView::of).toList();
        Map<String, Object> page = new java.util.LinkedHashMap<>();
        page.put("items", items);
        page.put("nextBefore", items.size() == pageSize ? items.get(items.size() - 1).seq() : null);
        return page;
    }

    @GET
    @Path("/calls/{transferId}")
    public CallView call(@PathParam("transferId") String transferId) {
        UUID id = uuid("transferId", transferId);
        return wallet.call(id).map(CallView::of).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("/calls/{transferId}/attempts")
    public Map<String, List<SeamlessAttempt>> attempts(@PathParam("transferId") String transferId) {
        UUID id = uuid("transferId", transferId);
        if (wallet.call(id).isEmpty()) {
            throw notFound(id);
        }
        return Map.of("items", wallet.attempts(id));
    }

    @POST
    @Path("/calls/{transferId}/retry")
    public CallView retry(@PathParam("transferId") String transferId) {
        UUID id = uuid("transferId", transferId);
        if (wallet.call(id).isEmpty()) {
            throw notFound(id);
        }
        if (!wallet.retryRejected(id)) {
            throw ProblemException.conflict("SEAMLESS_CALL_NOT_RETRYABLE",
                    "Only a rejected credit or rollback can be retried.", null);
        }
        return wallet.call(id).map(CallView::of).orElseThrow();
    }

    @POST
    @Path("/debits")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response debit(MoneyRequest request) {
        Valid valid = validate(request);
        SeamlessDebitResult result = wallet.debit(new SeamlessDebitRequest(valid.transferId, request.brand(),
                request.playerId(), request.currency(), valid.amountMinor, orDefault(request.type(), "bet"),
                request.reference()));
        Outcome outcome;
        if (result instanceof SeamlessDebitResult.Approved approved) {
            outcome = new Outcome(approved.transferId(), "approved", null, null, approved.balanceMinor(), null, null,
                    null, approved.replayed());
        } else if (result instanceof SeamlessDebitResult.Declined declined) {
            throwIfLocal(declined.reason(), declined.detail());
            outcome = new Outcome(declined.transferId(), "declined", declined.reason(), declined.detail(), null, null,
                    null, null, false);
        } else if (result instanceof SeamlessDebitResult.Failed failed) {
            outcome = new Outcome(failed.transferId(), "failed", null, failed.detail(), null, failed.rollbackTransferId(),
                    null, null, false);
        } else {
            outcome = new Outcome(result.transferId(), "in_progress", null, "another call with this transfer id is in flight",
                    null, null, null, null, false);
            return answer(202, outcome);
        }
        return answer(200, outcome);
    }

    @POST
    @Path("/credits")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response credit(MoneyRequest request) {
        Valid valid = validate(request);
        SeamlessCreditResult result = wallet.credit(new SeamlessCreditRequest(valid.transferId, request.brand(),
                request.playerId(), request.currency(), valid.amountMinor, orDefault(request.type(), "win"),
                request.reference()));
        if (result instanceof SeamlessCreditResult.Acknowledged acknowledged) {
            return answer(200, new Outcome(acknowledged.transferId(), "acknowledged", null, null,
                    acknowledged.balanceMinor(), null, null, null, acknowledged.replayed()));
        }
        if (result instanceof SeamlessCreditResult.Rejected rejected) {
            throwIfLocal(rejected.reason(), rejected.detail());
            return answer(200, new Outcome(rejected.transferId(), "rejected", rejected.reason(), rejected.detail(), null,
                    null, null, null, false));
        }
        SeamlessCreditResult.Pending pending = (SeamlessCreditResult.Pending) result;
        return answer(202, new Outcome(pending.transferId(), "pending", null, pending.detail(), null, null, null,
                pending.nextAttemptAt(), false));
    }

    @POST
    @Path("/rollbacks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rollback(RollbackRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("INVALID_REQUEST", "A JSON body is required.", null);
        }
        UUID debit = uuidField("debitTransferId", request.debitTransferId());
        SeamlessRollbackResult result = wallet.rollback(debit);
        if (result instanceof SeamlessRollbackResult.Acknowledged acknowledged) {
            return answer(200, new Outcome(acknowledged.rollbackTransferId(), "acknowledged", null, null, null,
                    null, acknowledged.rolledBack(), null, acknowledged.replayed()));
        }
        if (result instanceof SeamlessRollbackResult.Rejected rejected) {
            if (rejected.reason() == SeamlessRejection.DEBIT_NOT_FOUND) {
                throw ProblemException.notFound("SEAMLESS_CALL_NOT_FOUND", rejected.detail());
            }
            if (rejected.reason() == SeamlessRejection.DEBIT_IN_PROGRESS
                    || rejected.reason() == SeamlessRejection.NOTHING_TO_ROLL_BACK) {
                throw ProblemException.conflict(code(rejected.reason()), rejected.detail(), null);
            }
            return answer(200, new Outcome(debit, "rejected", rejected.reason(), rejected.detail(), null, null, null,
                    null, false));
        }
        SeamlessRollbackResult.Pending pending = (SeamlessRollbackResult.Pending) result;
        return answer(202, new Outcome(pending.rollbackTransferId(), "pending", null, pending.detail(), null, null, null,
                pending.nextAttemptAt(), false));
    }

    // ---------------------------------------------------------------- validation

    private record Valid(UUID transferId, long amountMinor) {
    }

    private static Valid validate(MoneyRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("INVALID_REQUEST", "A JSON body is required.", null);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        UUID transferId = null;
        if (request.transferId() == null || request.transferId().isBlank()) {
            errors.add(new Problem.FieldError("transferId", "is required: a UUID chosen by the caller, the idempotency key"));
        } else {
            try {
                transferId = UUID.fromString(request.transferId());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("transferId", "must be a UUID"));
            }
        }
        if (request.brand() == null || request.brand().isBlank()) {
            errors.add(new Problem.FieldError("brand", "is required"));
        }
        if (request.playerId() == null || request.playerId().isBlank()) {
            errors.add(new Problem.FieldError("playerId", "is required"));
        } else if (request.playerId().length() > PLAYER_ID_LENGTH_MAX) {
            errors.add(new Problem.FieldError("playerId", "must be at most " + PLAYER_ID_LENGTH_MAX + " characters"));
        }
        if (!Money.isCurrencyCode(request.currency())) {
            errors.add(new Problem.FieldError("currency", "must be an ISO 4217 code in upper case, such as EUR"));
        }
        long amountMinor = 0;
        JsonNode amount = request.amountMinor();
        if (amount == null || amount.isNull()) {
            errors.add(new Problem.FieldError("amountMinor", "is required"));
        } else if (!amount.isIntegralNumber() || !amount.canConvertToLong()) {
            errors.add(new Problem.FieldError("amountMinor", "must be a whole number of minor units"));
        } else if (amount.asLong() <= 0) {
            errors.add(new Problem.FieldError("amountMinor", "must be positive"));
        } else {
            amountMinor = amount.asLong();
        }
        if (request.type() != null && !TYPE.matcher(request.type()).matches()) {
            errors.add(new Problem.FieldError("type", "must be lower case letters and underscores, at most 32"));
        }
        if (request.reference() != null && request.reference().length() > REFERENCE_LENGTH_MAX) {
            errors.add(new Problem.FieldError("reference", "must be at most " + REFERENCE_LENGTH_MAX + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_REQUEST", "The request has invalid fields.", errors);
        }
        return new Valid(transferId, amountMinor);
    }

    /** Refusals by Cellbet itself are problems of the request; the brand's refusals are outcomes. */
    private static void throwIfLocal(SeamlessRejection reason, String detail) {
        switch (reason) {
            case BRAND_NOT_SEAMLESS:
                throw new ProblemException(Problem.of(422, code(reason), "Brand not seamless", detail, null));
            case IDEMPOTENCY_KEY_REUSED:
                throw ProblemException.conflict(code(reason), detail, null);
            case INVALID_REQUEST:
                // The brand answered INVALID_REQUEST: ours passed validation above, so it is the brand's refusal.
            default:
                break;
        }
    }

    /** A rejection as a problem code: its name, like the ledger's ({@code BRAND_NOT_SEAMLESS}). */
    static String code(SeamlessRejection reason) {
        return reason.name();
    }

    private static SeamlessCallStatus status(String text) {
        for (SeamlessCallStatus status : SeamlessCallStatus.values()) {
            if (status.code().equals(text)) {
                return status;
            }
        }
        throw ProblemException.badRequest("invalid-parameter", "Query parameter status is invalid.",
                List.of(new Problem.FieldError("status",
                        "must be one of pending, acknowledged, rejected, unknown, rolled_back")));
    }

    private static UUID uuid(String name, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", "Path parameter " + name + " is invalid.",
                    List.of(new Problem.FieldError(name, "must be a UUID")));
        }
    }

    private static UUID uuidField(String name, String text) {
        try {
            if (text != null) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // Answered below.
        }
        throw ProblemException.badRequest("INVALID_REQUEST", "The request has invalid fields.",
                List.of(new Problem.FieldError(name, "must be a UUID")));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("SEAMLESS_CALL_NOT_FOUND", "No seamless call " + id + " is recorded here.");
    }

    private static Response answer(int status, Outcome outcome) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .location(URI.create("/api/wallet/seamless/calls/" + outcome.transferId()))
                .entity(outcome).build();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String orDefault(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }
}
