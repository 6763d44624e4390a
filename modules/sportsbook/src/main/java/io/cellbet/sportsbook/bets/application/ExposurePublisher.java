package io.cellbet.sportsbook.bets.application;

import io.cellbet.contracts.bets.ExposureChanged;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the cell's exposure to the control plane's risk view: every second, the rows changed lately, as
 * {@link ExposureChanged} through the outbox. Each row carries its whole figures and a version (its last change in
 * microseconds), so a row sent twice, or by two replicas, is harmless. Rows are re-sent for a few seconds after
 * they change, so a placement that committed late is not missed; every few minutes all rows are sent again.
 */
@ApplicationScoped
public class ExposurePublisher {

    /** Rows per message. */
    static final int ROWS_MAX = 500;
    /** How long after a change its row is still looked for. */
    static final Duration LATE_COMMIT = Duration.ofSeconds(5);
    static final Duration FULL_RESEND = Duration.ofMinutes(5);

    private final BetBook book;
    private final Outbox outbox;
    private final Clock clock;
    private final String cellId;
    private Instant lastFull = Instant.EPOCH;

    public ExposurePublisher(BetBook book, Outbox outbox, Clock clock,
            @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.book = book;
        this.outbox = outbox;
        this.clock = clock;
        this.cellId = cellId;
    }

    @Scheduled(every = "${cellbet.sportsbook.bets.exposure-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() {
        // Rows carry the database's now(): compare with the wall clock, not the cell's business clock.
        Instant now = Instant.now();
        boolean full = Duration.between(lastFull, now).compareTo(FULL_RESEND) >= 0;
        Instant since = full ? Instant.EPOCH : now.minus(LATE_COMMIT).minusSeconds(1);
        List<BetBook.Exposure> rows = book.exposureChangedSince(since, 100_000);
        if (full) {
            lastFull = now;
        }
        for (int from = 0; from < rows.size(); from += ROWS_MAX) {
            List<ExposureChanged.Row> chunk = new ArrayList<>();
            for (BetBook.Exposure row : rows.subList(from, Math.min(rows.size(), from + ROWS_MAX))) {
                chunk.add(new ExposureChanged.Row(row.scope(), row.key(), row.currency(), row.liabilityMinor(),
                        row.turnoverMinor(), row.bets(), ChronoUnit.MICROS.between(Instant.EPOCH, row.updatedAt())));
            }
            ExposureChanged message = new ExposureChanged(cellId, chunk, clock.instant());
            QuarkusTransaction.requiringNew().run(() -> outbox.append(new OutboxMessage(Exchanges.CELL_EVENTS,
                    Exchanges.cellEventRoutingKey(cellId, "sportsbook." + ExposureChanged.TYPE),
                    ExposureChanged.AGGREGATE_TYPE, cellId, ExposureChanged.TYPE, ExposureChanged.SCHEMA_VERSION,
                    message, null)));
        }
    }
}
