package io.cellbet.contracts.wallet;

import java.time.Instant;
import java.util.List;

/**
 * One ledger batch of the cell: every transfer it created or ended, in the order they were applied, cell to control
 * plane on {@code platform.cell-events} (routing key {@code cell.<id>.wallet.TransfersApplied}, aggregate
 * {@code ledger-batch}). One message per database transaction rather than one per transfer: the ledger applies
 * hundreds of transfers per transaction under load, and a message per transfer cost more than the transfer itself
 * (an outbox row written, marked sent and purged, a broker publish and its confirm).
 *
 * <p>{@code event} says what happened to each transfer: {@value LedgerTransfer#TRANSFER_POSTED} (a plain transfer),
 * {@value LedgerTransfer#FUNDS_RESERVED} (a two-phase transfer created pending),
 * {@value LedgerTransfer#RESERVATION_POSTED}, {@value LedgerTransfer#RESERVATION_VOIDED} or
 * {@value LedgerTransfer#RESERVATION_EXPIRED} (how a reservation ended). {@code correlationId} is that of the work
 * that asked for the transfer; the envelope's is the first transfer's.
 */
public record TransfersApplied(String cellId, List<Applied> transfers, Instant at) {

    public static final String TYPE = "TransfersApplied";
    public static final int SCHEMA_VERSION = 1;
    public static final String AGGREGATE_TYPE = "ledger-batch";

    /** One transfer of the batch, as it stands after the batch. */
    public record Applied(String event, String correlationId, LedgerTransfer transfer) {
    }
}
