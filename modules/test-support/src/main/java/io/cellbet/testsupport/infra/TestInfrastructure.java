package io.cellbet.testsupport.infra;

import io.cellbet.localinfra.BrokerEndpoint;
import io.cellbet.localinfra.LocalInfrastructure;
import io.cellbet.localinfra.PostgresEndpoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The PostgreSQL server and AMQP broker of this test JVM, published as system properties by
 * {@link InfrastructureSessionListener} before any Quarkus test augments.
 *
 * <p>The accessors read system properties rather than static fields because Quarkus loads test
 * classes (and so this class) again in its own class loader, where static state set by the
 * listener would be invisible; system properties are JVM-wide.
 */
public final class TestInfrastructure {

    /** "off" skips everything; "embedded" skips the Docker probe and embeds directly. */
    public static final String SWITCH_PROPERTY = "cellbet.test.infra";
    /** Database to recreate empty and point {@code quarkus.datasource} at (set per app in surefire). */
    public static final String DATABASE_PROPERTY = "cellbet.test.database";
    /** PostgreSQL server URL in {@link PostgresEndpoint#url()} form. */
    public static final String PG_URL_PROPERTY = "cellbet.infra.pg.url";
    /** Broker URL in {@link BrokerEndpoint#url()} form. */
    public static final String BROKER_URL_PROPERTY = "cellbet.infra.broker.url";
    /**
     * "true" when the broker can declare quorum queues (RabbitMQ), "false" for Qpid. The apps'
     * {@code %test} profile reads this and {@link #BROKER_URL_PROPERTY} into their own
     * {@code cellbet.broker.*} keys; they are not set as those keys directly because a system
     * property would outrank what a test resource sets (a test putting a proxy in front of the
     * broker).
     */
    public static final String QUORUM_QUEUES_PROPERTY = "cellbet.infra.broker.quorum-queues";

    private static final System.Logger LOG = System.getLogger(TestInfrastructure.class.getName());

    private TestInfrastructure() {
    }

    /** Returns this JVM's PostgreSQL server; fails if the listener did not run (or was switched off). */
    public static PostgresEndpoint postgres() {
        return PostgresEndpoint.parse(required(PG_URL_PROPERTY));
    }

    /** Returns this JVM's broker; fails if the listener did not run (or was switched off). */
    public static BrokerEndpoint broker() {
        return BrokerEndpoint.parse(required(BROKER_URL_PROPERTY),
                Boolean.parseBoolean(System.getProperty(QUORUM_QUEUES_PROPERTY, "false")));
    }

    /**
     * Resolves the infrastructure and publishes it as system properties: configured URLs from the
     * environment first, then Docker containers, then embedded servers under {@code workDir}.
     */
    static Running open(Map<String, String> environment, BooleanSupplier dockerAvailable, Path workDir) {
        boolean configured = nonBlank(environment.get(LocalInfrastructure.PG_URL_VARIABLE))
                || nonBlank(environment.get(LocalInfrastructure.BROKER_URL_VARIABLE));
        boolean dockerAllowed = !"embedded".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY));

        long started = System.nanoTime();
        AutoCloseable resources;
        PostgresEndpoint postgres;
        BrokerEndpoint broker;
        String description;
        if (!configured && dockerAllowed && dockerAvailable.getAsBoolean()) {
            ContainerInfrastructure containers = ContainerInfrastructure.start();
            resources = containers;
            postgres = containers.postgres();
            broker = containers.broker();
            description = containers.describe();
        } else {
            // With one variable set, LocalInfrastructure embeds only the other service.
            LocalInfrastructure local = LocalInfrastructure.resolve(
                    configured ? environment : Map.of(), workDir);
            resources = local;
            postgres = local.postgres();
            broker = local.broker();
            description = local.describe();
        }

        Running running = new Running(resources);
        try {
            running.set(PG_URL_PROPERTY, postgres.url());
            running.set(BROKER_URL_PROPERTY, broker.url());
            running.set(QUORUM_QUEUES_PROPERTY, Boolean.toString(broker.quorumQueues()));
            // Dev Services are decided at augmentation; with the URLs above they must not start
            // their own containers (and without Docker they would fail the build).
            running.set("quarkus.devservices.enabled", "false");
            String database = System.getProperty(DATABASE_PROPERTY);
            if (nonBlank(database)) {
                // Dropped first so every test JVM starts from an empty schema, whatever the last
                // run (or a developer) left behind.
                postgres.dropDatabaseIfExists(database);
                postgres.createDatabaseIfMissing(database);
                running.set("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
                running.set("quarkus.datasource.username", postgres.username());
                running.set("quarkus.datasource.password", postgres.password());
            }
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Test infrastructure ready in {0} ms:{1}{2}",
                (System.nanoTime() - started) / 1_000_000, System.lineSeparator(), description);
        return running;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (!nonBlank(value)) {
            throw new IllegalStateException("System property " + property + " is not set: the "
                    + InfrastructureSessionListener.class.getSimpleName() + " did not run in this JVM"
                    + " (is " + SWITCH_PROPERTY + "=off, or test-support missing from the test classpath?)");
        }
        return value;
    }

    private static boolean nonBlank(String value) {
        return value != null && !value.isBlank();
    }

    /** Started resources plus the system properties they replaced, so closing undoes both. */
    static final class Running implements AutoCloseable {

        private final AutoCloseable resources;
        private final Map<String, String> previousValues = new LinkedHashMap<>();

        private Running(AutoCloseable resources) {
            this.resources = resources;
        }

        private void set(String key, String value) {
            previousValues.putIfAbsent(key, System.getProperty(key));
            System.setProperty(key, value);
        }

        @Override
        public void close() {
            previousValues.forEach((key, previous) -> {
                if (previous == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, previous);
                }
            });
            previousValues.clear();
            try {
                resources.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop test infrastructure", e);
            }
        }
    }
}
