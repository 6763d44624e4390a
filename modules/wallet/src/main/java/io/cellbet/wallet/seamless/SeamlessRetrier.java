package io.cellbet.wallet.seamless;

import io.cellbet.platform.work.BackgroundLoop;
import io.cellbet.wallet.api.BrandWallets;
import io.cellbet.wallet.api.BrandWallets.SeamlessEndpoint;
import io.cellbet.wallet.api.SeamlessCall;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Finishes what the callers could not: sends pending credits and rollbacks whose time has
 * come, and resolves debits whose sender disappeared (their lease ran out) by rolling them back.
 *
 * <p>One thread per process looks every {@code retry-poll-interval} (or when woken) and hands
 * the calls due to a small pool of senders. It works from the table alone, so after a crash or on another replica it picks up exactly
 * what was left; rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas
 * share the work without sending one call at the same time.
 */
@ApplicationScoped
class SeamlessRetrier {

    private static final Logger LOG = Logger.getLogger(SeamlessRetrier.class);

    private final SeamlessCalls calls;
    private final SeamlessWallet wallet;
    private final BrandWallets brands;
    private final SeamlessConfig config;
    private final ExecutorService senders;
    private final BackgroundLoop loop;

    SeamlessRetrier(SeamlessCalls calls, SeamlessWallet wallet, BrandWallets brands, SeamlessConfig config) {
        this.calls = calls;
        this.wallet = wallet;
        this.brands = brands;
        this.config = config;
        AtomicInteger count = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(Math.max(1, config.retryConcurrency()), runnable -> {
            Thread thread = new Thread(runnable, "seamless-retrier-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new BackgroundLoop("seamless-retrier", config.retryPollInterval(), config.retryPollInterval(),
                config.retryBackoffMax(), this::round, (failure, failures, retryIn) ->
                        // The database may be away; everything stays in the table for the next round.
                        LOG.warnf("seamless retrier round failed (%d in a row), next in %s: %s", failures, retryIn,
                                failure.getMessage()));
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        // Calls cut short here stay pending in the table and are sent again after their lease.
        loop.stop();
        senders.shutdownNow();
    }

    /** Asks for a round now, typically right after a rollback was recorded. */
    void wake() {
        loop.wake();
    }

    private void round() {
        resolveAbandonedDebits();
        int sent;
        do {
            sent = sendDue();
        } while (loop.running() && sent == config.retryBatchSize());
    }

    /** Debits whose sender is gone: their outcome is unknown, so they are rolled back. */
    int resolveAbandonedDebits() {
        return QuarkusTransaction.requiringNew().call(() -> {
            int resolved = 0;
            for (SeamlessCall debit : calls.abandonedDebits(config.retryBatchSize())) {
                String error = "the sender was lost before an answer was recorded (attempt leased until "
                        + debit.nextAttemptAt() + ")";
                Optional<SeamlessCall> unknown = calls.markUnknown(debit.transferId(), error, null, null);
                if (unknown.isPresent()) {
                    LOG.warnf("seamless debit %s of brand %s was left without an answer: rolling it back",
                            debit.transferId(), debit.brand());
                    wallet.scheduleRollback(unknown.get());
                    resolved++;
                }
            }
            return resolved;
        });
    }

    /** Sends the credits and rollbacks due, a bounded number at a time; returns how many were sent. */
    int sendDue() {
        List<SeamlessCall> due = QuarkusTransaction.requiringNew().call(() ->
                calls.claimDue(config.retryBatchSize(), config.inFlightLease()));
        List<CompletableFuture<Void>> sending = new ArrayList<>(due.size());
        for (SeamlessCall call : due) {
            sending.add(CompletableFuture.runAsync(() -> send(call), senders));
        }
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
        return due.size();
    }

    private void send(SeamlessCall call) {
        try {
            Optional<SeamlessEndpoint> endpoint = brands.seamlessWallet(call.brand());
            if (endpoint.isPresent()) {
                wallet.attempt(call, endpoint.get());
            } else {
                QuarkusTransaction.requiringNew().run(() -> wallet.notSentNow(call));
            }
        } catch (RuntimeException e) {
            // Its lease runs out and it is claimed again: nothing is lost.
            LOG.warnf(e, "seamless %s %s could not be sent or recorded", call.operation().code(), call.transferId());
        }
    }
}
