package io.cellbet.controlplane.feed.application;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.platform.persistence.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * When a producer's alive counts as overdue, on a product the monitor does not watch (so only the test moves it).
 * The times are set in the row, so nothing waits.
 */
@QuarkusTest
class ProducersTest {

    private static final int PRODUCT = 97;
    private static final long WINDOW_MS = 1_000;

    @Inject
    Producers producers;

    @Inject
    Sql sql;

    @Test
    void aProducerJustUpAfterAnOutageHasAWholeWindowForItsFirstAlive() {
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("DELETE FROM feed.producers WHERE product = ?", PRODUCT);
            producers.ensure(PRODUCT);
        });
        // Its last alive was long before the outage; the recovery it asked for completes now, before any new alive.
        sql.update("UPDATE feed.producers SET last_alive_received_at = now() - interval '30 seconds' "
                + "WHERE product = ?", PRODUCT);
        long request = QuarkusTransaction.requiringNew().call(() -> producers.newRecoveryRequest(PRODUCT, 2_000));
        QuarkusTransaction.requiringNew().run(() -> producers.recovered(PRODUCT, request));

        assertFalse(overdue(), "up for less than the window: not overdue, though its last alive is 30 s old");

        sql.update("UPDATE feed.producers SET up_at = now() - interval '2 seconds' WHERE product = ?", PRODUCT);
        assertTrue(overdue(), "up for longer than the window without an alive: overdue");

        QuarkusTransaction.requiringNew().run(() -> producers.alive(PRODUCT, System.currentTimeMillis(), true));
        assertFalse(overdue(), "an alive within the window: not overdue");

        sql.update("UPDATE feed.producers SET last_alive_received_at = now() - interval '2 seconds' "
                + "WHERE product = ?", PRODUCT);
        assertTrue(overdue(), "neither an alive nor coming up within the window: overdue");
    }

    private boolean overdue() {
        return QuarkusTransaction.requiringNew().call(() -> producers.lock(PRODUCT, WINDOW_MS).orElseThrow()
                .aliveOverdue());
    }
}
