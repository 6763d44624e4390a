package io.cellbet.wallet.rest;

import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemMappers;
import io.cellbet.wallet.api.LedgerUnavailableException;
import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.domain.RequestRules;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionException;

/** How the wallet's rejections read over HTTP: each {@link Rejection} is a problem code with one status. */
final class WalletProblems {

    private WalletProblems() {
    }

    static Response rejected(Rejection reason, String detail) {
        return ProblemMappers.answer(Problem.of(status(reason), reason.name(), title(reason), detail, null));
    }

    static Response invalid(List<RequestRules.Violation> violations) {
        return ProblemMappers.answer(Problem.of(400, Rejection.INVALID_REQUEST.name(), "Invalid request",
                "The request has " + violations.size() + " invalid field(s).",
                violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList()));
    }

    /** A failed stage: the ledger could not commit (503, retry with the same key), else unexpected. */
    static Response failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof LedgerUnavailableException) {
            return ProblemMappers.answer(Problem.of(503, "LEDGER_UNAVAILABLE", "Ledger unavailable",
                    "The ledger could not commit the request; it may or may not have been applied. Retry with the "
                            + "same idempotency key.", null));
        }
        return new ProblemMappers().unexpected(cause);
    }

    static int status(Rejection reason) {
        switch (reason) {
            case INVALID_REQUEST:
                return 400;
            case RESERVATION_NOT_FOUND:
                return 404;
            case UNKNOWN_ACCOUNT:
            case CURRENCY_MISMATCH:
                return 422;
            case LEDGER_BUSY:
                return 503;
            default:
                return 409;
        }
    }

    private static String title(Rejection reason) {
        switch (reason) {
            case INVALID_REQUEST:
                return "Invalid request";
            case UNKNOWN_ACCOUNT:
                return "Unknown account";
            case CURRENCY_MISMATCH:
                return "Currency mismatch";
            case INSUFFICIENT_FUNDS:
                return "Insufficient funds";
            case IDEMPOTENCY_KEY_REUSED:
                return "Idempotency key reused";
            case RESERVATION_NOT_FOUND:
                return "Reservation not found";
            case RESERVATION_CLOSED:
                return "Reservation closed";
            default:
                return "Ledger busy";
        }
    }
}
