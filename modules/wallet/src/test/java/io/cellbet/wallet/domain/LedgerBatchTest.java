package io.cellbet.wallet.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.api.ReserveRequest;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferRequest;
import io.cellbet.wallet.api.TransferStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ledger's rules, applied in memory as the writer applies a batch. */
class LedgerBatchTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final long PLAYER = 1;
    private static final long HOUSE = 2;
    private static final long OTHER_PLAYER = 3;
    private static final long DOLLARS = 4;

    private final Map<Long, LedgerAccount> accounts = new HashMap<>(Map.of(
            PLAYER, new LedgerAccount(PLAYER, true, "EUR", 1_000, 0, 0),
            HOUSE, new LedgerAccount(HOUSE, false, "EUR", -1_000, 0, 0),
            OTHER_PLAYER, new LedgerAccount(OTHER_PLAYER, true, "EUR", 0, 0, 0),
            DOLLARS, new LedgerAccount(DOLLARS, true, "USD", 0, 0, 0)));
    private final LedgerBatch batch = new LedgerBatch(accounts, Map.of(), Map.of(), NOW, UUID::randomUUID);

    @Test
    void postsATransferWithBalancedEntries() {
        LedgerOutcome outcome = batch.apply(post("k1", leg(PLAYER, HOUSE, 300)));
        assertInstanceOf(LedgerOutcome.Applied.class, outcome);
        assertEquals(700, accounts.get(PLAYER).balanceMinor());
        assertEquals(-700, accounts.get(HOUSE).balanceMinor());
        assertEquals(0, batch.entries().stream().mapToLong(PostedEntry::amountMinor).sum());
        assertEquals(List.of(700L, -700L), batch.entries().stream().map(PostedEntry::balanceAfterMinor).toList());
        assertEquals(2, batch.changedAccounts().size());
        assertEquals(1, accounts.get(PLAYER).version());
    }

    @Test
    void refusesAnOverdraftAndChangesNothing() {
        LedgerOutcome outcome = batch.apply(post("k1", leg(PLAYER, HOUSE, 1_001)));
        assertEquals(Rejection.INSUFFICIENT_FUNDS, ((LedgerOutcome.Refused) outcome).reason());
        assertTrue(batch.createdTransfers().isEmpty());
        assertTrue(batch.changedAccounts().isEmpty());
    }

    @Test
    void linkedTransfersAreAllOrNone() {
        LedgerOutcome outcome = batch.apply(post("k1", leg(PLAYER, HOUSE, 600), leg(PLAYER, HOUSE, 600)));
        assertEquals(Rejection.INSUFFICIENT_FUNDS, ((LedgerOutcome.Refused) outcome).reason());
        assertEquals(1_000, accounts.get(PLAYER).balanceMinor());
        assertTrue(batch.entries().isEmpty());
    }

    @Test
    void replaysADuplicateInTheSameBatchAndRefusesOtherContent() {
        LedgerOutcome.Applied first = (LedgerOutcome.Applied) batch.apply(post("k1", leg(PLAYER, HOUSE, 100)));
        LedgerOutcome.Applied again = (LedgerOutcome.Applied) batch.apply(post("k1", leg(PLAYER, HOUSE, 100)));
        assertTrue(again.replayed());
        assertEquals(first.transfers(), again.transfers());
        LedgerOutcome other = batch.apply(post("k1", leg(PLAYER, HOUSE, 101)));
        assertEquals(Rejection.IDEMPOTENCY_KEY_REUSED, ((LedgerOutcome.Refused) other).reason());
        assertEquals(900, accounts.get(PLAYER).balanceMinor());
    }

    @Test
    void refusesUnknownAccountsAndOtherCurrencies() {
        assertEquals(Rejection.UNKNOWN_ACCOUNT,
                ((LedgerOutcome.Refused) batch.apply(post("k1", leg(PLAYER, 99, 1)))).reason());
        assertEquals(Rejection.CURRENCY_MISMATCH,
                ((LedgerOutcome.Refused) batch.apply(post("k2", leg(PLAYER, DOLLARS, 1)))).reason());
    }

    @Test
    void reservedMoneyIsNotSpendableUntilVoided() {
        Transfer reservation = ((LedgerOutcome.Applied) batch.apply(reserve("r1", leg(PLAYER, HOUSE, 800))))
                .transfers().get(0);
        assertEquals(TransferStatus.PENDING, reservation.status());
        assertEquals(800, accounts.get(PLAYER).pendingDebitsMinor());
        assertEquals(Rejection.INSUFFICIENT_FUNDS,
                ((LedgerOutcome.Refused) batch.apply(post("k1", leg(PLAYER, HOUSE, 201)))).reason());
        LedgerOutcome voided = batch.apply(new LedgerCommand.VoidReservation(reservation.id(), false));
        assertEquals(TransferStatus.VOIDED, ((LedgerOutcome.Applied) voided).transfers().get(0).status());
        assertEquals(0, accounts.get(PLAYER).pendingDebitsMinor());
        assertInstanceOf(LedgerOutcome.Applied.class, batch.apply(post("k1", leg(PLAYER, HOUSE, 1_000))));
        // Reserved and voided in one batch: one row, written in its final state.
        assertEquals(TransferStatus.VOIDED, batch.createdTransfers().get(0).status());
    }

    @Test
    void postingMovesTheReservedMoneyOnceAndVoidingItThenIsRefused() {
        Transfer reservation = ((LedgerOutcome.Applied) batch.apply(reserve("r1", leg(PLAYER, HOUSE, 800))))
                .transfers().get(0);
        LedgerOutcome.Applied posted = (LedgerOutcome.Applied) batch.apply(
                new LedgerCommand.PostReservation(reservation.id()));
        assertFalse(posted.replayed());
        assertEquals(200, accounts.get(PLAYER).balanceMinor());
        assertEquals(0, accounts.get(PLAYER).pendingDebitsMinor());
        assertTrue(((LedgerOutcome.Applied) batch.apply(new LedgerCommand.PostReservation(reservation.id()))).replayed());
        assertEquals(200, accounts.get(PLAYER).balanceMinor());
        assertEquals(Rejection.RESERVATION_CLOSED, ((LedgerOutcome.Refused) batch.apply(
                new LedgerCommand.VoidReservation(reservation.id(), false))).reason());
    }

    @Test
    void anExpiredReservationCannotBePostedAndTheSweeperReleasesIt() {
        Transfer expired = new Transfer(UUID.randomUUID(), "r1", 0, PLAYER, HOUSE, "EUR", 500, "stake", null, Map.of(),
                TransferStatus.PENDING, NOW.minusSeconds(1), NOW.minusSeconds(60), null);
        accounts.put(PLAYER, new LedgerAccount(PLAYER, true, "EUR", 1_000, 500, 3));
        LedgerBatch withReservation = new LedgerBatch(accounts, Map.of(), Map.of(expired.id(), expired), NOW,
                UUID::randomUUID);
        assertEquals(Rejection.RESERVATION_CLOSED, ((LedgerOutcome.Refused) withReservation.apply(
                new LedgerCommand.PostReservation(expired.id()))).reason());
        LedgerOutcome.Applied released = (LedgerOutcome.Applied) withReservation.apply(
                new LedgerCommand.VoidReservation(expired.id(), true));
        assertEquals(TransferStatus.EXPIRED, released.transfers().get(0).status());
        assertEquals(0, accounts.get(PLAYER).pendingDebitsMinor());
        assertEquals(1, withReservation.closedReservations().size());
    }

    @Test
    void theHashIgnoresTheKeyAndMetadataOrderButNotTheContent() {
        TransferLeg a = new TransferLeg(1, 2, 5, "EUR", "stake", "bet-1", Map.of("x", "1", "y", "2"));
        TransferLeg b = new TransferLeg(1, 2, 5, "EUR", "stake", "bet-1", Map.of("y", "2", "x", "1"));
        assertArrayEquals(RequestRules.hash(TransferRequest.of("k1", a)), RequestRules.hash(TransferRequest.of("k2", b)));
        TransferLeg c = new TransferLeg(1, 2, 6, "EUR", "stake", "bet-1", Map.of("x", "1", "y", "2"));
        assertFalse(java.util.Arrays.equals(RequestRules.hash(TransferRequest.of("k1", a)),
                RequestRules.hash(TransferRequest.of("k1", c))));
        assertFalse(java.util.Arrays.equals(RequestRules.hash(TransferRequest.of("k1", a)),
                RequestRules.hash(new ReserveRequest("k1", a, Duration.ofSeconds(5)))));
    }

    @Test
    void namesEveryMalformedField() {
        List<RequestRules.Violation> violations = RequestRules.check(new TransferRequest("has space",
                List.of(new TransferLeg(1, 1, 0, "eur", " ", null, null))));
        assertEquals(List.of("idempotencyKey", "transfers[0].creditAccountId", "transfers[0].amountMinor",
                "transfers[0].currency", "transfers[0].type"),
                violations.stream().map(RequestRules.Violation::field).toList());
    }

    private static TransferLeg leg(long debit, long credit, long amountMinor) {
        return new TransferLeg(debit, credit, amountMinor, "EUR", "stake", null, null);
    }

    private static LedgerCommand post(String key, TransferLeg... legs) {
        TransferRequest request = new TransferRequest(key, List.of(legs));
        return new LedgerCommand.PostTransfers(key, RequestRules.hash(request), request.legs());
    }

    private static LedgerCommand reserve(String key, TransferLeg leg) {
        ReserveRequest request = new ReserveRequest(key, leg, Duration.ofMinutes(1));
        return new LedgerCommand.Reserve(key, RequestRules.hash(request), leg, NOW.plusSeconds(60));
    }
}
