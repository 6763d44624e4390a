package io.cellbet.wallet.application;

import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.contracts.wallet.LedgerTransfer;
import io.cellbet.contracts.wallet.TransfersApplied;
import io.cellbet.platform.id.TimeOrderedIds;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxConfig;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.work.BatchSteps;
import io.cellbet.wallet.api.LedgerUnavailableException;
import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.config.LedgerConfig;
import io.cellbet.wallet.domain.LedgerAccount;
import io.cellbet.wallet.domain.LedgerBatch;
import io.cellbet.wallet.domain.LedgerCommand;
import io.cellbet.wallet.domain.LedgerOutcome;
import io.cellbet.wallet.persistence.Ledger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The only code that changes balances. Requests queue here; each writer thread takes what is
 * waiting (up to {@code batch-size-max}) and applies it in one database transaction: lock the
 * accounts involved once, apply every request in memory in order, then write transfers,
 * entries and account balances in one statement and the batch's one event ({@link TransfersApplied})
 * in another, and commit. Callers hear back only after the commit.
 *
 * <p>This is how hot house accounts stay cheap: a house row is locked and updated once per
 * batch, not once per transfer, and a commit (the fsync) is shared by the whole batch. Under
 * light load a batch holds one request and adds no delay; under heavy load batches grow, and
 * throughput with them. If a batch fails as a whole (a constraint fired, a concurrent writer
 * took a key first), its requests are retried one per transaction so only the culprit fails.
 */
@ApplicationScoped
public class LedgerWriter {

    private static final Logger LOG = Logger.getLogger(LedgerWriter.class);
    /** How long an idle writer waits before it checks whether the cell is stopping. */
    private static final long IDLE_POLL_MS = 100;

    /** A request waiting for the writer, with the correlation id of the work that sent it and when it was queued. */
    private record Submission(LedgerCommand command, String correlationId, long queuedNanos,
            CompletableFuture<LedgerOutcome> outcome) {
    }

    private final Ledger ledger;
    private final Outbox outbox;
    private final LedgerConfig config;
    private final String cellId;
    private final BlockingQueue<Submission> queue;
    private final List<Thread> writers = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private final Timer batchDurations;
    private final BatchSteps steps;
    private final Counter batchFailures;
    private volatile boolean running;

    public LedgerWriter(Ledger ledger, Outbox outbox, LedgerConfig config, OutboxConfig outboxConfig,
            MeterRegistry metrics) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.config = config;
        this.cellId = outboxConfig.source();
        this.queue = new ArrayBlockingQueue<>(config.queueSizeMax());
        this.batchSizes = DistributionSummary.builder("cellbet.wallet.batch.size")
                .description("Requests applied per ledger transaction").register(metrics);
        this.batchDurations = Timer.builder("cellbet.wallet.batch.duration")
                .description("Time to apply and commit one ledger batch").publishPercentileHistogram().register(metrics);
        this.steps = new BatchSteps(metrics, "cellbet.wallet.batch", "ledger batch", config.slowBatch(), List.of(
                new BatchSteps.Step("read", "Locking a ledger batch's accounts (and reservations) and reading its "
                        + "keys"),
                new BatchSteps.Step("apply", "Applying a ledger batch's requests in memory"),
                new BatchSteps.Step("commit", "Writing a ledger batch and its event, and committing (two round "
                        + "trips and the flush of the write-ahead log)")));
        this.batchFailures = Counter.builder("cellbet.wallet.batch.failures")
                .description("Ledger batches that failed as a whole and were retried request by request")
                .register(metrics);
        metrics.gauge("cellbet.wallet.queue.depth", queue, BlockingQueue::size);
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        for (int i = 0; i < config.writers(); i++) {
            Thread writer = new Thread(this::loop, "ledger-writer-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        // Not interrupted: a batch under way finishes and answers its callers before the writer stops.
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Whatever still waits was never applied: the callers may retry with the same keys.
        List<Submission> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(submission -> submission.outcome().complete(
                new LedgerOutcome.Refused(Rejection.LEDGER_BUSY, "The cell is shutting down; retry with the same key.")));
    }

    /** Queues a command; the stage completes after the batch holding it committed (or failed). */
    public CompletionStage<LedgerOutcome> submit(LedgerCommand command) {
        Submission submission = new Submission(command, outbox.currentCorrelationId().orElse(null), System.nanoTime(),
                new CompletableFuture<>());
        if (!running || !queue.offer(submission)) {
            return CompletableFuture.completedFuture(new LedgerOutcome.Refused(Rejection.LEDGER_BUSY,
                    "The ledger has " + queue.size() + " requests waiting; retry with the same key."));
        }
        return submission.outcome();
    }

    /**
     * Applies commands now, in the caller's transaction (which must be active), as one batch: the caller commits or
     * rolls back the ledger's writes with its own. {@code correlationIds} go on the commands' events, in order.
     */
    public List<LedgerOutcome> applyInCallerTransaction(List<LedgerCommand> commands, List<String> correlationIds) {
        if (!QuarkusTransaction.isActive()) {
            throw new IllegalStateException("the ledger applies commands in the caller's transaction: none is active");
        }
        long now = System.nanoTime();
        List<Submission> batch = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            batch.add(new Submission(commands.get(i), correlationIds.get(i), now, new CompletableFuture<>()));
        }
        // The caller's transaction is the caller's to time: these steps are never finished, so never recorded.
        List<LedgerOutcome> outcomes = applyInTransaction(batch, steps.start());
        batchSizes.record(batch.size());
        return outcomes;
    }

    private void loop() {
        List<Submission> batch = new ArrayList<>(config.batchSizeMax());
        while (running) {
            try {
                Submission first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.batchSizeMax() - 1);
                dropExpired(batch);
                if (!batch.isEmpty()) {
                    apply(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // apply() completes every submission itself; this only keeps the writer alive.
                LOG.error("ledger writer failed outside a batch", e);
            } finally {
                batch.clear();
            }
        }
    }

    /** Refuses what waited past the queue timeout: its caller may already act on it never having been applied. */
    private void dropExpired(List<Submission> batch) {
        long timeoutNanos = config.queueTimeout().toNanos();
        long now = System.nanoTime();
        batch.removeIf(submission -> {
            if (now - submission.queuedNanos() <= timeoutNanos) {
                return false;
            }
            submission.outcome().complete(new LedgerOutcome.Refused(Rejection.LEDGER_BUSY, "The request waited "
                    + "longer than " + config.queueTimeout().toMillis() + " ms and was not applied; retry with the "
                    + "same key."));
            return true;
        });
    }

    private void apply(List<Submission> batch) {
        long started = System.nanoTime();
        BatchSteps.Timing timing = steps.start();
        try {
            List<LedgerOutcome> outcomes = QuarkusTransaction.requiringNew().call(() -> {
                // Accounts, keys and reservations looked up by key: the generic plans are the custom ones.
                ledger.genericPlansInTransaction();
                return applyInTransaction(batch, timing);
            });
            timing.finished(batch.size());
            batchSizes.record(batch.size());
            batchDurations.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                LOG.warnf(e, "ledger request failed: %s", batch.get(0).command());
                batch.get(0).outcome().completeExceptionally(new LedgerUnavailableException(e));
                return;
            }
            batchFailures.increment();
            LOG.debugf(e, "ledger batch of %d failed; retrying request by request", batch.size());
            for (Submission submission : batch) {
                apply(List.of(submission));
            }
        }
    }

    /** Applies the batch in the current transaction, marking the end of its read and apply steps on {@code timing}. */
    private List<LedgerOutcome> applyInTransaction(List<Submission> batch, BatchSteps.Timing timing) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, byte[]> hashByKey = new HashMap<>();
        Set<UUID> reservationIds = new LinkedHashSet<>();
        Set<Long> accountIds = new LinkedHashSet<>();
        for (Submission submission : batch) {
            LedgerCommand command = submission.command();
            if (command instanceof LedgerCommand.PostTransfers transfers) {
                hashByKey.putIfAbsent(transfers.idempotencyKey(), transfers.requestHash());
                transfers.legs().forEach(leg -> addAccounts(accountIds, leg));
            } else if (command instanceof LedgerCommand.Reserve reserve) {
                hashByKey.putIfAbsent(reserve.idempotencyKey(), reserve.requestHash());
                addAccounts(accountIds, reserve.leg());
            } else if (command instanceof LedgerCommand.PostReservation post) {
                reservationIds.add(post.reservationId());
            } else {
                reservationIds.add(((LedgerCommand.VoidReservation) command).reservationId());
            }
        }
        Map<UUID, Transfer> reservations = reservationIds.isEmpty() ? Map.of()
                : ledger.lockReservations(reservationIds);
        reservations.values().forEach(reservation -> {
            accountIds.add(reservation.debitAccountId());
            accountIds.add(reservation.creditAccountId());
        });
        Supplier<Map<Long, LedgerAccount>> locked = ledger.lockAccounts(accountIds.stream()
                .mapToLong(Long::longValue).toArray());
        // Looked up after the locks (a statement of its own, sent with them): a request of the same key that another
        // transaction was applying to these accounts has committed by now, and is answered as applied rather than
        // applied twice or refused.
        Map<String, LedgerBatch.PriorRequest> prior = hashByKey.isEmpty() ? Map.of()
                : ledger.priorRequests(hashByKey.keySet().toArray(String[]::new));
        Map<Long, LedgerAccount> accounts = locked.get();
        timing.ended(0);

        LedgerBatch ledgerBatch = new LedgerBatch(accounts, prior, reservations, now, TimeOrderedIds::next);
        List<LedgerOutcome> outcomes = new ArrayList<>(batch.size());
        List<TransfersApplied.Applied> applied = new ArrayList<>();
        for (Submission submission : batch) {
            LedgerOutcome outcome = ledgerBatch.apply(submission.command());
            outcomes.add(outcome);
            if (outcome instanceof LedgerOutcome.Applied done && !done.replayed()) {
                String event = event(submission.command());
                for (Transfer transfer : done.transfers()) {
                    applied.add(new TransfersApplied.Applied(event, submission.correlationId(), payload(transfer)));
                }
            }
        }
        timing.ended(1);
        ledger.write(ledgerBatch.createdTransfers(), hashByKey, ledgerBatch.closedReservations(), ledgerBatch.entries(),
                ledgerBatch.changedAccounts());
        if (!applied.isEmpty()) {
            outbox.append(announcement(applied, now));
        }
        return outcomes;
    }

    /** The batch's one event: every transfer it created or ended, in order. */
    private OutboxMessage announcement(List<TransfersApplied.Applied> applied, Instant now) {
        String correlationId = applied.stream().map(TransfersApplied.Applied::correlationId)
                .filter(Objects::nonNull).findFirst().orElse(null);
        return new OutboxMessage(Exchanges.CELL_EVENTS, Exchanges.cellEventRoutingKey(cellId, "wallet."
                + TransfersApplied.TYPE), TransfersApplied.AGGREGATE_TYPE,
                applied.get(0).transfer().transferId().toString(), TransfersApplied.TYPE,
                TransfersApplied.SCHEMA_VERSION, new TransfersApplied(cellId, List.copyOf(applied), now),
                correlationId);
    }

    /** What applying the command did to its transfers. */
    private static String event(LedgerCommand command) {
        if (command instanceof LedgerCommand.PostTransfers) {
            return LedgerTransfer.TRANSFER_POSTED;
        }
        if (command instanceof LedgerCommand.Reserve) {
            return LedgerTransfer.FUNDS_RESERVED;
        }
        if (command instanceof LedgerCommand.PostReservation) {
            return LedgerTransfer.RESERVATION_POSTED;
        }
        return ((LedgerCommand.VoidReservation) command).expired() ? LedgerTransfer.RESERVATION_EXPIRED
                : LedgerTransfer.RESERVATION_VOIDED;
    }

    private static LedgerTransfer payload(Transfer transfer) {
        return new LedgerTransfer(transfer.id(), transfer.requestKey(), transfer.position(),
                transfer.debitAccountId(), transfer.creditAccountId(), transfer.currency(), transfer.amountMinor(),
                transfer.type(), transfer.reference(), transfer.metadata(), transfer.status().code(),
                transfer.expiresAt(), transfer.createdAt(), transfer.completedAt());
    }

    private static void addAccounts(Set<Long> accountIds, TransferLeg leg) {
        accountIds.add(leg.debitAccountId());
        accountIds.add(leg.creditAccountId());
    }
}
