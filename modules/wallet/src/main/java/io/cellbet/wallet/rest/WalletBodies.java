package io.cellbet.wallet.rest;

import io.cellbet.wallet.api.Transfer;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the wallet's REST API. Fields are boxed so a missing one is named. */
final class WalletBodies {

    private WalletBodies() {
    }

    /** Open an account: a player's ({@code cash}, {@code bonus}) with {@code playerId}, else the brand's. */
    record OpenAccount(String brand, String playerId, String kind, String currency) {
    }

    /** One movement of a transfer request. */
    record Leg(Long debitAccountId, Long creditAccountId, Long amountMinor, String currency, String type,
            String reference, Map<String, String> metadata) {
    }

    /** Linked transfers under one idempotency key. */
    record TransferRequest(String idempotencyKey, List<Leg> transfers) {
    }

    /** A two-phase transfer's first phase. */
    record ReserveRequest(String idempotencyKey, Long debitAccountId, Long creditAccountId, Long amountMinor,
            String currency, String type, String reference, Map<String, String> metadata, Long holdSeconds) {
    }

    /**
     * A manual correction by ops: a positive amount credits the account, a negative one debits it,
     * against the brand's {@code adjustments} account.
     */
    record Adjustment(String idempotencyKey, Long accountId, Long amountMinor, String reason) {
    }

    /**
     * Independent transfer requests in one call, at most {@link #REQUESTS_MAX}: each is applied (all
     * or none) under its own key, as if posted alone.
     */
    record TransferBatch(List<TransferRequest> requests) {
        static final int REQUESTS_MAX = 1000;
    }

    /** What {@code POST /api/wallet/transfers} would have answered for each request, in request order. */
    record TransferBatchResults(List<TransferBatchResult> results) {
    }

    /** One request's answer: its HTTP status and body (the transfers, or a problem). */
    record TransferBatchResult(String idempotencyKey, int status, Object body) {
    }

    /** The transfers of a request; {@code replayed} when the key had been applied before. */
    record Transfers(String idempotencyKey, boolean replayed, List<Transfer> transfers) {
    }
}
