package io.cellbet.sportsbook.bets.application;

import io.cellbet.platform.id.TimeOrderedIds;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferRequest;
import io.cellbet.wallet.api.TransferResult;
import io.cellbet.wallet.api.WalletApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Moves the stakes of settled bets from the brand's {@code stakes_held} to its {@code sportsbook_ggr}: many bets at
 * once, in one wallet transfer per sweep, so settling a market costs a wallet request only per winning bet. In three
 * durable steps: the sweep marks its bets and is written pending with their sum; the wallet moves the sum (key
 * {@code stake-sweep:<id>}); the bets are flagged {@code stake_in_ggr} and the sweep done. A sweep a crash
 * interrupted is finished by the next round (the wallet answers its key as already applied). Until its sweep,
 * a settled bet's stake is still in {@code stakes_held}: the ledger's {@code stakes_held} holds the stakes of open
 * bets and of bets settled in the last moments.
 */
@ApplicationScoped
public class StakeSweeps {

    /** Most bets one sweep takes. */
    static final int BETS_MAX = 20_000;

    private final BetBook book;
    private final WalletApi wallet;
    private final HouseAccounts houseAccounts;
    private final BetTransitions transitions;
    private final Clock clock;

    public StakeSweeps(BetBook book, HouseAccounts houseAccounts, WalletApi wallet, BetTransitions transitions,
            Clock clock) {
        this.book = book;
        this.wallet = wallet;
        this.houseAccounts = houseAccounts;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Finishes interrupted sweeps, then sweeps what settled since; returns the bets swept. */
    public int sweep(Instant interruptedBefore) {
        for (UUID pending : book.pendingSweeps(interruptedBefore)) {
            finish(pending);
        }
        int swept = 0;
        for (String[] group : book.unsweptStakes()) {
            UUID id = TimeOrderedIds.next();
            BetBook.StakeSweep sweep = QuarkusTransaction.requiringNew().call(() -> book.beginSweep(id, group[0],
                    group[1], BETS_MAX, clock.instant()));
            finish(sweep.id());
            swept += sweep.bets();
        }
        return swept;
    }

    void finish(UUID id) {
        BetBook.StakeSweep sweep = book.sweep(id).orElseThrow();
        if (!"pending".equals(sweep.status())) {
            return;
        }
        if (sweep.amountMinor() > 0) {
            long stakesHeld = houseAccounts.id(sweep.brand(), AccountKind.STAKES_HELD, sweep.currency());
            long ggr = houseAccounts.id(sweep.brand(), AccountKind.SPORTSBOOK_GGR, sweep.currency());
            TransferResult moved = transitions.await(wallet.transfer(TransferRequest.of("stake-sweep:" + id,
                    new TransferLeg(stakesHeld, ggr, sweep.amountMinor(), sweep.currency(), "bets_settled",
                            id.toString(), Map.of("bets", Integer.toString(sweep.bets()))))));
            if (moved instanceof TransferResult.Rejected rejected) {
                throw new IllegalStateException("the wallet refused stake sweep " + id + ": " + rejected.reason()
                        + " " + rejected.detail());
            }
        }
        QuarkusTransaction.requiringNew().run(() -> book.finishSweep(id, clock.instant()));
    }
}
