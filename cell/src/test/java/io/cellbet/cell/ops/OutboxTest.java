package io.cellbet.cell.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.messaging.outbox.OutboxRelay;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The outbox writes a transaction's messages when it commits, in the order they were appended, and the relay sends
 * them.
 */
@QuarkusTest
class OutboxTest {

    @Inject
    Outbox outbox;

    @Inject
    Sql sql;

    @Inject
    OutboxRelay relay;

    @Test
    void aTransactionsMessagesAreWrittenTogetherAtItsCommitInTheirOrderAndThenSent() {
        String aggregate = "outbox-test-" + UUID.randomUUID();
        long[] seenBeforeCommit = new long[1];
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(message(aggregate, "FirstHappened", 1, "request-1"));
            outbox.append(message(aggregate, "SecondHappened", 2, "request-2"));
            outbox.append(message(aggregate, "ThirdHappened", 3, "request-3"));
            seenBeforeCommit[0] = count(aggregate);
        });
        // One statement at the commit writes them all: none was written while the transaction ran.
        assertEquals(0, seenBeforeCommit[0]);
        assertEquals(List.of("FirstHappened 1 request-1 cell.outbox-test.event", "SecondHappened 2 request-2 "
                + "cell.outbox-test.event", "ThirdHappened 3 request-3 cell.outbox-test.event"), sql.list(
                        "SELECT type || ' ' || (payload->>'n') || ' ' || correlation_id || ' ' || routing_key FROM "
                                + "messaging.outbox WHERE aggregate_id = ? ORDER BY id", row -> row.getString(1),
                        aggregate));
        assertEquals(3L, sql.one("SELECT count(DISTINCT message_id) FROM messaging.outbox WHERE aggregate_id = ?",
                row -> row.getLong(1), aggregate).orElseThrow());
        // The relay (its leader's lock taken with its read) publishes them and marks them sent.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(0L, sql.one(
                "SELECT count(*) FROM messaging.outbox o JOIN messaging.outbox_pending p ON p.id = o.id "
                        + "WHERE o.aggregate_id = ?",
                row -> row.getLong(1), aggregate).orElseThrow()));
    }

    @Test
    void messagesWrittenBeforeTheCommitGoWithTheStatementsWaitingAndWhatTheyThrowReachesTheCaller() {
        String aggregate = "outbox-test-" + UUID.randomUUID();
        long[] seen = new long[2];
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(message(aggregate, "FirstHappened", 1, "request-1"));
            Sql.Later<Long> waiting = sql.later("SELECT count(*) FROM messaging.outbox WHERE aggregate_id = ?",
                    row -> row.getLong(1), aggregate);
            outbox.writeAppended();
            // Sent with the rows, just before them: it saw none.
            seen[0] = waiting.rows().get(0);
            seen[1] = count(aggregate);
            outbox.append(message(aggregate, "SecondHappened", 2, "request-2"));
        });
        assertEquals(0L, seen[0]);
        assertEquals(1L, seen[1], "written before the commit");
        // The one appended after it is written at the commit, after the first.
        assertEquals(List.of("FirstHappened", "SecondHappened"), sql.list("SELECT type FROM messaging.outbox WHERE "
                + "aggregate_id = ? ORDER BY id", row -> row.getString(1), aggregate));

        // A waiting statement that fails fails the call, not the commit: the caller can still act on it.
        String failed = "outbox-test-" + UUID.randomUUID();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> QuarkusTransaction
                .requiringNew().run(() -> {
                    outbox.append(message(failed, "FirstHappened", 1, "request-1"));
                    sql.later("SELECT 1", row -> {
                        throw new IllegalStateException("the write sent with the messages was not what was meant");
                    });
                    outbox.writeAppended();
                }));
        assertEquals("the write sent with the messages was not what was meant", thrown.getMessage());
        assertEquals(0L, count(failed));
    }

    @Test
    void aTransactionRolledBackWritesNoneOfItsMessages() {
        String aggregate = "outbox-test-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(message(aggregate, "FirstHappened", 1, "request-1"));
            outbox.append(message(aggregate, "SecondHappened", 2, "request-2"));
            throw new IllegalStateException("the change the messages announce failed");
        }));
        assertEquals(0L, count(aggregate));
    }

    @Test
    void aLargePayloadIsStoredCompressedWithLz4AndReadBackWhole() {
        assumeTrue(sql.one("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'",
                row -> row.getBoolean(1)).orElseThrow(), "this PostgreSQL server was built without lz4");
        String aggregate = "outbox-test-" + UUID.randomUUID();
        // About 7 kB of JSON, as a ledger batch's TransfersApplied: beyond the size PostgreSQL compresses.
        List<Map<String, Object>> lines = IntStream.range(0, 200).mapToObj(i -> Map.<String, Object>of("line", i,
                "account", "player-" + i)).toList();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(new OutboxMessage(Exchanges.CELL_EVENTS,
                "cell.outbox-test.event", "outbox-test", aggregate, "LargeHappened", 1, Map.of("lines", lines),
                "request-1")));
        assertEquals("lz4 200 player-199", sql.one("SELECT pg_column_compression(payload) || ' ' || "
                + "jsonb_array_length(payload->'lines') || ' ' || (payload->'lines'->199->>'account') FROM "
                + "messaging.outbox WHERE aggregate_id = ?", row -> row.getString(1), aggregate).orElseThrow());
    }

    @Test
    void everyMessageIsListedPendingByTheDatabaseUntilTheRelaySendsIt() {
        String aggregate = "outbox-test-" + UUID.randomUUID();
        // Written by plain SQL, as by any code of any version: the database lists it in the same transaction.
        long pendingInItsTransaction = QuarkusTransaction.requiringNew().call(() -> {
            insertMessage(aggregate, "now()");
            return sql.one("SELECT count(*) FROM messaging.outbox o JOIN messaging.outbox_pending p ON p.id = o.id "
                    + "WHERE o.aggregate_id = ?", row -> row.getLong(1), aggregate).orElseThrow();
        });
        assertEquals(1L, pendingInItsTransaction);
        // Sent, it leaves the list and stays in the outbox.
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.one("SELECT count(*) FROM messaging.outbox o JOIN "
                + "messaging.outbox_pending p ON p.id = o.id WHERE o.aggregate_id = ?", row -> row.getLong(1),
                aggregate).orElseThrow() == 0L);
        assertEquals(1L, count(aggregate));
    }

    @Test
    void sentMessagesAreDeletedOnceOlderThanTheirRetention() {
        String old = "outbox-test-" + UUID.randomUUID();
        String recent = "outbox-test-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            insertMessage(old, "now() - interval '25 hours'");
            insertMessage(recent, "now() - interval '23 hours'");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.one("SELECT count(*) FROM messaging.outbox_pending",
                row -> row.getLong(1)).orElseThrow() == 0L);
        relay.purgeSent();
        assertEquals(0L, count(old));
        assertEquals(1L, count(recent));
    }

    private void insertMessage(String aggregate, String occurredAt) {
        sql.update("INSERT INTO messaging.outbox (message_id, exchange, routing_key, aggregate_type, aggregate_id, "
                + "type, schema_version, source, correlation_id, occurred_at, payload) VALUES (gen_random_uuid(), ?, "
                + "'cell.outbox-test.event', 'outbox-test', ?, 'Happened', 1, 'outbox-test', 'request-1', "
                + occurredAt + ", '{}')", Exchanges.CELL_EVENTS, aggregate);
    }

    private static OutboxMessage message(String aggregate, String type, int n, String correlationId) {
        return new OutboxMessage(Exchanges.CELL_EVENTS, "cell.outbox-test.event", "outbox-test", aggregate, type, 1,
                Map.of("n", n), correlationId);
    }

    private long count(String aggregate) {
        return sql.one("SELECT count(*) FROM messaging.outbox WHERE aggregate_id = ?", row -> row.getLong(1),
                aggregate).orElseThrow();
    }
}
