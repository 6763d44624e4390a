package io.cellbet.localinfra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The resolved infrastructure; closing it stops whatever it started. */
public final class LocalInfrastructure implements AutoCloseable {

    /** Environment variable with a PostgreSQL server URL; when set nothing is embedded for it. */
    public static final String PG_URL_VARIABLE = "CELLBET_PG_URL";
    /** Environment variable with an AMQP 0-9-1 broker URL; when set nothing is embedded for it. */
    public static final String BROKER_URL_VARIABLE = "CELLBET_AMQP_URL";
    /** Set to "false" when the configured broker cannot declare quorum queues. */
    public static final String BROKER_QUORUM_QUEUES_VARIABLE = "CELLBET_AMQP_QUORUM_QUEUES";

    private final PostgresEndpoint postgres;
    private final BrokerEndpoint broker;
    private final EmbeddedPostgresServer embeddedPostgres;
    private final EmbeddedQpidBroker embeddedBroker;
    private final WorkDirLock workDirLock;
    private boolean closed;

    private LocalInfrastructure(
            PostgresEndpoint postgres, EmbeddedPostgresServer embeddedPostgres,
            BrokerEndpoint broker, EmbeddedQpidBroker embeddedBroker, WorkDirLock workDirLock) {
        this.postgres = postgres;
        this.embeddedPostgres = embeddedPostgres;
        this.broker = broker;
        this.embeddedBroker = embeddedBroker;
        this.workDirLock = workDirLock;
    }

    /**
     * Uses each service's URL from {@code environment} when present, else starts it embedded under
     * {@code workDir} (or under a fresh subdirectory of it when another live run holds it).
     *
     * @throws IllegalArgumentException if a configured URL is malformed (nothing is started then)
     * @throws RuntimeException if an embedded server fails to start (the other one is stopped)
     */
    public static LocalInfrastructure resolve(Map<String, String> environment, Path workDir) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(workDir, "workDir");
        String pgUrl = nonBlank(environment.get(PG_URL_VARIABLE));
        String brokerUrl = nonBlank(environment.get(BROKER_URL_VARIABLE));

        // Parse configured URLs before starting anything, so a typo fails fast and starts nothing.
        PostgresEndpoint configuredPostgres = pgUrl == null ? null : PostgresEndpoint.parse(pgUrl);
        BrokerEndpoint configuredBroker = brokerUrl == null ? null
                : BrokerEndpoint.parse(brokerUrl,
                        !"false".equalsIgnoreCase(nonBlank(environment.get(BROKER_QUORUM_QUEUES_VARIABLE))));

        if (configuredPostgres != null && configuredBroker != null) {
            return new LocalInfrastructure(configuredPostgres, null, configuredBroker, null, null);
        }

        WorkDirLock lock = WorkDirLock.claim(workDir);
        Path ownDir = lock.directory();
        // PostgreSQL runs as a child process, Qpid in this JVM: starting them side by side
        // overlaps the process start with the broker's class loading.
        CompletableFuture<EmbeddedPostgresServer> postgresStart = configuredPostgres != null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> EmbeddedPostgresServer.start(ownDir));
        EmbeddedQpidBroker startedBroker = null;
        RuntimeException brokerFailure = null;
        if (configuredBroker == null) {
            try {
                startedBroker = EmbeddedQpidBroker.start(ownDir);
            } catch (RuntimeException e) {
                brokerFailure = e;
            }
        }
        EmbeddedPostgresServer startedPostgres;
        try {
            startedPostgres = postgresStart.join();
        } catch (CompletionException e) {
            closeQuietly(startedBroker);
            lock.close();
            RuntimeException failure = e.getCause() instanceof RuntimeException runtime
                    ? runtime : new IllegalStateException(e.getCause());
            if (brokerFailure != null) {
                failure.addSuppressed(brokerFailure);
            }
            throw failure;
        }
        if (brokerFailure != null) {
            closeQuietly(startedPostgres);
            lock.close();
            throw brokerFailure;
        }

        return new LocalInfrastructure(
                configuredPostgres != null ? configuredPostgres : startedPostgres.endpoint(),
                startedPostgres,
                configuredBroker != null ? configuredBroker : startedBroker.endpoint(),
                startedBroker,
                lock);
    }

    /** Returns the PostgreSQL server to use. */
    public PostgresEndpoint postgres() {
        return postgres;
    }

    /** Returns the AMQP broker to use. */
    public BrokerEndpoint broker() {
        return broker;
    }

    /** Tells whether PostgreSQL was started by this instance rather than configured. */
    public boolean postgresEmbedded() {
        return embeddedPostgres != null;
    }

    /** Tells whether the broker was started by this instance rather than configured. */
    public boolean brokerEmbedded() {
        return embeddedBroker != null;
    }

    /**
     * Describes the resolution, one line per service. Passwords of configured services are masked
     * because this text goes to logs; embedded ones keep their throwaway local credentials so the
     * line can be pasted into a client.
     */
    public String describe() {
        String pg = postgresEmbedded()
                ? "PostgreSQL: embedded PostgreSQL " + postgres.url()
                : "PostgreSQL: configured " + postgres.redactedUrl();
        String amqp = brokerEmbedded()
                ? "broker: embedded Qpid Broker-J " + broker.url()
                : "broker: configured " + broker.redactedUrl()
                        + (broker.quorumQueues() ? "" : " (classic queues)");
        return pg + System.lineSeparator() + amqp;
    }

    /** Stops the embedded services (broker first, so no client keeps writing into a dying DB). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        if (embeddedBroker != null) {
            try {
                embeddedBroker.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (embeddedPostgres != null) {
            try {
                embeddedPostgres.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (workDirLock != null) {
            // Released last: only now may another run wipe and reuse the directories.
            workDirLock.close();
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Already failing; the original startup error is the one worth reporting.
        }
    }
}
