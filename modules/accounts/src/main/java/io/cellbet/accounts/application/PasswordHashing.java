package io.cellbet.accounts.application;

import io.cellbet.accounts.config.AccountsConfig;
import io.cellbet.platform.security.PasswordHash;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Argon2id with the cell's parameters, at most {@code concurrent-hashes-max} at a time: each
 * hash holds {@code memory-kib} of heap and a core for its duration, so a login storm queues here
 * instead of exhausting memory. A login for an unknown name hashes too, so its answer takes as
 * long as a wrong password's and does not reveal which names exist.
 */
@ApplicationScoped
public class PasswordHashing {

    /** A hash of a password nobody has, verified when the login name is unknown. */
    private final String decoy;
    private final PasswordHash parameters;
    private final Semaphore permits;
    private final Timer hashes;

    public PasswordHashing(AccountsConfig config, MeterRegistry metrics) {
        AccountsConfig.Password password = config.password();
        this.parameters = new PasswordHash(password.memoryKib(), password.iterations(), password.parallelism());
        this.permits = new Semaphore(password.concurrentHashesMax(), true);
        this.hashes = Timer.builder("cellbet.accounts.password.hash").description("Argon2id hashes and verifications")
                .publishPercentileHistogram().register(metrics);
        this.decoy = parameters.hash("decoy-" + System.nanoTime());
    }

    public PasswordHash parameters() {
        return parameters;
    }

    public String hash(String password) {
        return limited(() -> parameters.hash(password));
    }

    public boolean matches(String encoded, String password) {
        return limited(() -> PasswordHash.matches(encoded, password));
    }

    /** Spends the time of a verification, for a login name that does not exist. */
    public void matchDecoy(String password) {
        limited(() -> PasswordHash.matches(decoy, password));
    }

    private <T> T limited(Supplier<T> work) {
        permits.acquireUninterruptibly();
        try {
            return hashes.record(work);
        } finally {
            permits.release();
        }
    }
}
