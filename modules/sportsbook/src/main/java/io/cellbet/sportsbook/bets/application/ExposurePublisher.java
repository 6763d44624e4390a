package io.cellbet.sportsbook.bets.application;

import io.cellbet.contracts.bets.ExposureChanged;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.work.BackgroundLoop;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the cell's exposure to the control plane's risk view: every second, the rows changed lately, as
 * {@link ExposureChanged} through the outbox. Each row carries its whole figures and a version (its last change in
 * microseconds), so a row sent twice, or by two replicas, is harmless. Rows changed in the last few seconds are read
 * again at every round, so a placement that committed late is not missed; a row is sent only in a version this
 * replica has not sent yet (under load most rows change every second, and sending each one again for five seconds
 * made six times the messages). Every few minutes all rows are sent again.
 *
 * <p>On a thread of its own ({@code exposure-publisher}), not a {@code @Scheduled} job: Quarkus' scheduler starts all
 * its jobs at the same moment of each second, and this one, the heaviest (its rows read, a message of up to 500 rows
 * written and relayed, and the control plane's upsert of them on the same database), then made the bet writer's
 * batches of that moment wait: with it on that thread, the bench's tail at 1,000 bets/s fell (ops/README.md).
 */
@ApplicationScoped
public class ExposurePublisher {

    private static final Logger LOG = Logger.getLogger(ExposurePublisher.class);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(30);

    /** Rows per message. */
    static final int ROWS_MAX = 500;
    /** How long after a change its row is still looked for. */
    static final Duration LATE_COMMIT = Duration.ofSeconds(5);

    private final BetBook book;
    private final Outbox outbox;
    private final Clock clock;
    private final String cellId;
    private final Duration fullResend;
    private Instant lastFull = Instant.EPOCH;
    /** The version of each row this replica sent last, for the rows changed within the look-back; by row. */
    private final Map<String, Instant> sent = new HashMap<>();
    private final BackgroundLoop loop;

    public ExposurePublisher(BetBook book, Outbox outbox, Clock clock, BetsConfig config,
            @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.fullResend = config.exposureFullResend();
        this.book = book;
        this.outbox = outbox;
        this.clock = clock;
        this.cellId = cellId;
        this.loop = new BackgroundLoop("exposure-publisher", config.exposureInterval(), config.exposureInterval(),
                BACKOFF_MAX, this::publish, BackgroundLoop.warning(LOG, "publishing exposure"));
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    /** One round: the rows changed since the last, or every row when a full resend is due. */
    public synchronized void publish() {
        // Rows carry the database's now(): compare with the wall clock, not the cell's business clock.
        Instant now = Instant.now();
        boolean full = Duration.between(lastFull, now).compareTo(fullResend) >= 0;
        Instant lookBack = now.minus(LATE_COMMIT).minusSeconds(1);
        List<BetBook.Exposure> rows = book.exposureChangedSince(full ? Instant.EPOCH : lookBack, 100_000).stream()
                .filter(row -> full || !row.updatedAt().equals(sent.get(rowKey(row)))).toList();
        if (full) {
            lastFull = now;
        }
        // A row not changed since the look-back began is not read again: what was sent of it need not be kept.
        sent.values().removeIf(version -> !version.isAfter(lookBack));
        for (int from = 0; from < rows.size(); from += ROWS_MAX) {
            List<BetBook.Exposure> part = rows.subList(from, Math.min(rows.size(), from + ROWS_MAX));
            List<ExposureChanged.Row> chunk = new ArrayList<>();
            for (BetBook.Exposure row : part) {
                chunk.add(new ExposureChanged.Row(row.scope(), row.key(), row.currency(), row.liabilityMinor(),
                        row.turnoverMinor(), row.bets(), ChronoUnit.MICROS.between(Instant.EPOCH, row.updatedAt())));
            }
            ExposureChanged message = new ExposureChanged(cellId, chunk, clock.instant());
            QuarkusTransaction.requiringNew().run(() -> outbox.append(new OutboxMessage(Exchanges.CELL_EVENTS,
                    Exchanges.cellEventRoutingKey(cellId, "sportsbook." + ExposureChanged.TYPE),
                    ExposureChanged.AGGREGATE_TYPE, cellId, ExposureChanged.TYPE, ExposureChanged.SCHEMA_VERSION,
                    message, null)));
            part.forEach(row -> sent.put(rowKey(row), row.updatedAt()));
        }
    }

    private static String rowKey(BetBook.Exposure row) {
        return row.scope() + ' ' + row.currency() + ' ' + row.key();
    }
}
