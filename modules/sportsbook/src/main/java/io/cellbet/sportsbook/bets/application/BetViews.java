package io.cellbet.sportsbook.bets.application;

import io.cellbet.sportsbook.bets.persistence.BetBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bets as players and ops read them. */
public final class BetViews {

    private BetViews() {
    }

    /**
     * A bet. {@code status}: placing, pending (live delay), open, rejected, settled, voided, cashed_out;
     * {@code reason} names why a bet was rejected or voided.
     */
    public record BetView(UUID id, String brand, String currency, String type, String status, String reason,
            String oddsPolicy, long stakePerLineMinor, int lines, long stakeMinor, long maxPayoutMinor,
            long paidMinor, long receivableMinor, long cashedOutMinor, boolean live, Instant acceptAt,
            Instant placedAt, Instant settledAt, List<LegView> legs) {
    }

    /** One leg with how it stands: {@code open}, {@code won}, {@code lost} or {@code void} (with the factors). */
    public record LegView(String eventId, int sportId, int marketTypeId, String specifiers, String outcomeId,
            BigDecimal odds, boolean live, String result, BigDecimal voidFactor, BigDecimal deadHeatFactor) {
    }

    public static BetView of(BetBook.StoredBet bet, List<LegView> legs) {
        return new BetView(bet.id(), bet.brand(), bet.currency(), bet.shape(), bet.status(), bet.reason(),
                bet.oddsPolicy(), bet.stakePerLineMinor(), bet.lineCount(), bet.stakeMinor(), bet.maxPayoutMinor(),
                bet.paidMinor(), bet.receivableMinor(), bet.cashedOutMinor(), bet.live(), bet.acceptAt(),
                bet.placedAt(), bet.settledAt(), legs);
    }
}
