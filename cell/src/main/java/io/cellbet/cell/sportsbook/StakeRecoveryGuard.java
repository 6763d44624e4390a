package io.cellbet.cell.sportsbook;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a cell whose ledger may apply a bet's stake after the bet was recovered. Recovery of a bet left
 * {@code placing} asks for its stake again and trusts the answer, which holds only if the first request can no longer
 * be waiting in the ledger's queue: the queue's timeout must be shorter than the placing timeout.
 */
@ApplicationScoped
public class StakeRecoveryGuard {

    private final Duration queueTimeout;
    private final Duration placingTimeout;

    public StakeRecoveryGuard(
            @ConfigProperty(name = "cellbet.wallet.ledger.queue-timeout", defaultValue = "5s") Duration queueTimeout,
            @ConfigProperty(name = "cellbet.sportsbook.bets.placing-timeout", defaultValue = "30s")
            Duration placingTimeout) {
        this.queueTimeout = queueTimeout;
        this.placingTimeout = placingTimeout;
    }

    void check(@Observes StartupEvent startup) {
        if (queueTimeout.compareTo(placingTimeout) >= 0) {
            throw new IllegalStateException("cellbet.wallet.ledger.queue-timeout (" + queueTimeout + ") must be "
                    + "shorter than cellbet.sportsbook.bets.placing-timeout (" + placingTimeout + "): a stake still "
                    + "queued could otherwise be taken after its bet was recovered");
        }
    }
}
