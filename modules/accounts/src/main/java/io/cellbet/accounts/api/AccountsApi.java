package io.cellbet.accounts.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The players as other modules use them: the enforcement point of account status, time-outs,
 * self-exclusions and responsible-gambling limits. The wallet, sportsbook, casino and payments
 * ask before they move a player's money.
 *
 * <p>Limits are checked against the player's cash account in the ledger over the limit's rolling
 * window: deposits are credits of transfer type {@value #DEPOSIT}; wagers are debits of type
 * {@value #STAKE} (posted or still reserved); losses are wagers less credits of types
 * {@value #WIN} and {@value #REFUND}.
 */
public interface AccountsApi {

    String DEPOSIT = "deposit";
    String STAKE = "stake";
    String WIN = "win";
    String REFUND = "refund";

    Optional<Player> player(UUID playerId);

    /** May the player stake this amount now (status, time-out, exclusion, wager and loss limits)? */
    PlayerDecision mayStake(UUID playerId, long amountMinor);

    /**
     * {@link #mayStake} for several stakes at once, one decision per stake in their order, with the players read
     * together (what a batch of bets asks for). Each stake is judged on its own, as if asked alone. The decisions are
     * made when asked for: in a transaction the players are read with the transaction's next statement, in the same
     * round trip, so that a batch's reads can go together; outside one, now.
     */
    Supplier<List<PlayerDecision>> mayStakeAll(List<UUID> playerIds, long[] amountsMinor);

    /** May the player deposit this amount now (status, time-out, exclusion, deposit limits)? */
    PlayerDecision mayDeposit(UUID playerId, long amountMinor);

    /** May the player withdraw? Also while timed out or excluded: that is what they may still do. */
    PlayerDecision mayWithdraw(UUID playerId);
}
