package io.cellbet.sportsbook.bets.application;

import io.cellbet.platform.work.BackgroundLoop;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Moves bets on when nobody else will: live bets whose delay is over are re-checked and accepted or rejected;
 * placements interrupted by a crash are resolved ({@link BetTransitions#recoverPlacing}); reservations left held by a
 * missed step are released; cash-outs a crash interrupted are finished; settlement jobs are worked off and the
 * stakes they settled swept to {@code sportsbook_ggr}. Runs on every replica; each step re-reads the bet under
 * its row lock, so two replicas doing the same bet is harmless.
 */
@ApplicationScoped
public class BetRecovery {

    private static final Logger LOG = Logger.getLogger(BetRecovery.class);
    private static final int SWEEP_SIZE_MAX = 200;
    private static final Duration ACCEPTOR_BACKOFF_MAX = Duration.ofSeconds(5);

    private final BetBook book;
    private final BetTransitions transitions;
    private final BetPlacement placement;
    private final BetSettlement settlement;
    private final CashOuts cashOuts;
    private final StakeSweeps stakeSweeps;
    private final BetsConfig config;
    private final Clock clock;
    private final ExecutorService settlers;
    private final BackgroundLoop acceptor;

    public BetRecovery(BetBook book, BetTransitions transitions, BetPlacement placement, BetSettlement settlement,
            CashOuts cashOuts, StakeSweeps stakeSweeps, BetsConfig config, Clock clock) {
        this.book = book;
        this.transitions = transitions;
        this.placement = placement;
        this.settlement = settlement;
        this.cashOuts = cashOuts;
        this.stakeSweeps = stakeSweeps;
        this.config = config;
        this.clock = clock;
        this.acceptor = new BackgroundLoop("bet-acceptor", config.liveAcceptInterval(), config.liveAcceptInterval(),
                ACCEPTOR_BACKOFF_MAX, this::acceptDue, BackgroundLoop.warning(LOG, "looking for live bets due"));
        this.settlers = Executors.newFixedThreadPool(config.settlementWorkers(), runnable -> {
            Thread thread = new Thread(runnable, "bet-settler");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(@Observes StartupEvent event) {
        acceptor.start();
    }

    /**
     * Live bets whose delay is over, on the {@code bet-acceptor} thread every {@link BetsConfig#liveAcceptInterval()}
     * (five times a second by default) rather than with the once-a-second jobs: a bet waits its delay and little
     * more, and the cell opens a fifth of a second's bets at a time, away from the moment every scheduled job runs,
     * instead of a whole second's at once with them, which made the placements behind them wait (ops/README.md, the
     * bets bench). Those whose checks pass again are opened by the bet writer, in its own transactions.
     */
    void acceptDue() {
        List<UUID> due = book.due(clock.instant(), SWEEP_SIZE_MAX);
        if (!due.isEmpty()) {
            try {
                placement.openAfterDelay(transitions.recheckAfterDelay(due));
            } catch (RuntimeException e) {
                LOG.warnf(e, "accepting %d live bets failed; retried on the next round", due.size());
            }
        }
    }

    @Scheduled(every = "${cellbet.sportsbook.bets.sweep-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant now = clock.instant();
        each(book.stalePlacing(now.minus(config.placingTimeout()), SWEEP_SIZE_MAX),
                transitions::recoverPlacing, "recovering the interrupted placement of bet");
        each(book.stakeStillReserved(now.minus(config.placingTimeout()), SWEEP_SIZE_MAX),
                transitions::finishReservation, "releasing the stake of closed bet");
        each(book.pendingCashOuts(now.minus(config.placingTimeout()), SWEEP_SIZE_MAX), cashOuts::finish,
                "finishing interrupted cash-out");
    }

    @Scheduled(every = "${cellbet.sportsbook.bets.settlement-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void settle() {
        // Every worker takes the next part of the oldest job no other has locked, until none is left.
        CompletableFuture<?>[] workers = new CompletableFuture<?>[config.settlementWorkers()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = CompletableFuture.runAsync(this::settleUntilDone, settlers);
        }
        CompletableFuture.allOf(workers).join();
        try {
            stakeSweeps.sweep(clock.instant().minus(config.placingTimeout()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Sweeping settled stakes failed; retried on the next round");
        }
    }

    private void settleUntilDone() {
        try {
            while (settlement.workBatch()) {
                // Until every job is done.
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Settlement batch failed; retried on the next round");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        acceptor.stop();
        settlers.shutdownNow();
    }

    private void each(List<UUID> bets, Consumer<UUID> step, String what) {
        for (UUID bet : bets) {
            try {
                step.accept(bet);
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s %s failed; retried on the next sweep", what, bet);
            }
        }
    }
}
