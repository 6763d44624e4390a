package io.cellbet.cell.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellbet.platform.persistence.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A statement sent later ({@link Sql#later}) goes with the transaction's next statement, in order, or just before the
 * commit; what its answer's check throws fails the transaction.
 */
@QuarkusTest
class SqlLaterTest {

    @Inject
    Sql sql;

    @BeforeEach
    void table() {
        sql.update("CREATE TABLE IF NOT EXISTS public.sql_later_test (id uuid PRIMARY KEY, n integer NOT NULL)");
    }

    @Test
    void aLaterStatementIsSentWithTheTransactionsNextStatementNotBefore() {
        int lockKey = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        long[] held = new long[2];
        List<?> lockRows = QuarkusTransaction.requiringNew().call(() -> {
            Sql.Later<Boolean> lock = sql.later("SELECT pg_advisory_xact_lock(?) IS NULL", row -> true,
                    (long) lockKey);
            held[0] = advisoryLocksSeenFromAnotherTransaction(lockKey);
            sql.list("SELECT 1", row -> row.getInt(1));
            held[1] = advisoryLocksSeenFromAnotherTransaction(lockKey);
            return lock.rows();
        });
        assertEquals(0, held[0], "the lock was taken before the next statement was sent");
        assertEquals(1, held[1], "the lock was not taken with the next statement");
        assertEquals(1, lockRows.size());
    }

    @Test
    void laterStatementsRunInOrderEachSeeingTheOnesBeforeIt() {
        UUID id = UUID.randomUUID();
        List<Integer> seen = QuarkusTransaction.requiringNew().call(() -> {
            sql.later("INSERT INTO public.sql_later_test (id, n) VALUES (?, 1)", row -> null, id);
            Sql.Later<Integer> raised = sql.later("UPDATE public.sql_later_test SET n = n + 1 WHERE id = ? "
                    + "RETURNING n", row -> row.getInt(1), id);
            Sql.Later<Integer> doubled = sql.later("UPDATE public.sql_later_test SET n = n * 10 WHERE id = ? "
                    + "RETURNING n", row -> row.getInt(1), id);
            int read = sql.one("SELECT n FROM public.sql_later_test WHERE id = ?", row -> row.getInt(1), id)
                    .orElseThrow();
            return List.of(raised.rows().get(0), doubled.rows().get(0), read);
        });
        assertEquals(List.of(2, 20, 20), seen);
    }

    @Test
    void aLaterStatementThatNothingFollowsIsSentJustBeforeTheCommit() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> sql.later("INSERT INTO public.sql_later_test (id, n) "
                + "VALUES (?, 7)", row -> null, id));
        assertEquals(List.of(7), numbers(id));
    }

    @Test
    void aLaterStatementWhoseAnswerItsCheckRefusesFailsTheStatementItWentWithAndTheTransaction() {
        UUID id = UUID.randomUUID();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    sql.later("INSERT INTO public.sql_later_test (id, n) VALUES (?, 3) RETURNING n", row -> {
                        throw new IllegalStateException("wrote " + row.getInt(1) + ", meant 4");
                    }, id);
                    sql.update("INSERT INTO public.sql_later_test (id, n) VALUES (?, 5)", UUID.randomUUID());
                }));
        assertEquals("wrote 3, meant 4", refused.getMessage());
        assertEquals(List.of(), numbers(id));
    }

    @Test
    void outsideATransactionALaterStatementIsSentAtOnce() {
        UUID id = UUID.randomUUID();
        Sql.Later<Integer> inserted = sql.later("INSERT INTO public.sql_later_test (id, n) VALUES (?, 9) RETURNING n",
                row -> row.getInt(1), id);
        assertEquals(List.of(9), numbers(id));
        assertEquals(List.of(9), inserted.rows());
    }

    private List<Integer> numbers(UUID id) {
        return sql.list("SELECT n FROM public.sql_later_test WHERE id = ?", row -> row.getInt(1), id);
    }

    /** Counted in a transaction of its own, on another connection. */
    private long advisoryLocksSeenFromAnotherTransaction(int lockKey) {
        return QuarkusTransaction.requiringNew().call(() -> sql.one("SELECT count(*) FROM pg_locks WHERE "
                + "locktype = 'advisory' AND classid = 0 AND objid = ?::oid AND objsubid = 1", row -> row.getLong(1),
                (long) lockKey).orElseThrow());
    }
}
