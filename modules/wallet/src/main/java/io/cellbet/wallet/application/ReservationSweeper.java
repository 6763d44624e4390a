package io.cellbet.wallet.application;

import io.cellbet.wallet.config.LedgerConfig;
import io.cellbet.wallet.persistence.Ledger;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Releases reservations whose expiry has passed, through the ledger writer like any other
 * change. Runs on every replica: two replicas expiring the same reservation is harmless, the
 * second finds it closed. After a crash, the first sweep releases what expired meanwhile.
 */
@ApplicationScoped
public class ReservationSweeper {

    private static final Logger LOG = Logger.getLogger(ReservationSweeper.class);

    private final Ledger ledger;
    private final Wallet wallet;
    private final LedgerConfig config;

    public ReservationSweeper(Ledger ledger, Wallet wallet, LedgerConfig config) {
        this.ledger = ledger;
        this.wallet = wallet;
        this.config = config;
    }

    @Scheduled(every = "${cellbet.wallet.ledger.reservation-sweep-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        List<UUID> expired = ledger.expiredReservations(Instant.now(), config.reservationSweepSizeMax());
        if (expired.isEmpty()) {
            return;
        }
        CompletableFuture<?>[] releases = expired.stream()
                .map(id -> wallet.expire(id).toCompletableFuture()).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(releases).get(30, TimeUnit.SECONDS);
            LOG.debugf("released %d expired reservations", expired.size());
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("releasing %d expired reservations failed; the next sweep retries: %s", expired.size(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
