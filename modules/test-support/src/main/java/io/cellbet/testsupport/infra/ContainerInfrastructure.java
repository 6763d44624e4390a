package io.cellbet.testsupport.infra;

import io.cellbet.localinfra.BrokerEndpoint;
import io.cellbet.localinfra.PostgresEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL and RabbitMQ in Docker containers, for machines where Docker runs. */
final class ContainerInfrastructure implements AutoCloseable {

    private static final int POSTGRES_PORT = 5432;
    private static final int AMQP_PORT = 5672;
    private static final String PASSWORD = "cellbet";

    private final GenericContainer<?> postgresContainer;
    private final GenericContainer<?> rabbitContainer;

    private ContainerInfrastructure(GenericContainer<?> postgresContainer, GenericContainer<?> rabbitContainer) {
        this.postgresContainer = postgresContainer;
        this.rabbitContainer = rabbitContainer;
    }

    /** Asks Testcontainers; any failure of the probe itself means "no Docker" rather than a broken run. */
    static boolean dockerAvailable() {
        if (!dockerHinted()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Cheap look for any Docker endpoint Testcontainers could use. Without one its probe still
     * costs over a second and logs an ERROR in every test JVM; missing an exotic setup only means
     * the embedded fallback runs instead.
     */
    private static boolean dockerHinted() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")
                || System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".testcontainers.properties")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            candidates.add(Path.of(runtimeDir, "docker.sock"));
        }
        return candidates.stream().anyMatch(Files::exists);
    }

    /** Starts both containers; stops the first if the second fails so nothing is left running. */
    static ContainerInfrastructure start() {
        GenericContainer<?> postgres = new GenericContainer<>(DockerImageName.parse("postgres:16-alpine"))
                .withEnv("POSTGRES_PASSWORD", PASSWORD)
                .withExposedPorts(POSTGRES_PORT)
                // The entrypoint runs a temporary server for init scripts first; the second
                // "ready" line is the real one.
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2));
        GenericContainer<?> rabbit = new GenericContainer<>(DockerImageName.parse("rabbitmq:3.13-alpine"))
                // A non-guest user: RabbitMQ only lets guest in over loopback, and the mapped
                // port reaches the container from the Docker bridge.
                .withEnv("RABBITMQ_DEFAULT_USER", "cellbet")
                .withEnv("RABBITMQ_DEFAULT_PASS", PASSWORD)
                .withExposedPorts(AMQP_PORT)
                .waitingFor(Wait.forLogMessage(".*Server startup complete.*", 1));
        postgres.start();
        try {
            rabbit.start();
        } catch (RuntimeException e) {
            postgres.stop();
            throw e;
        }
        return new ContainerInfrastructure(postgres, rabbit);
    }

    PostgresEndpoint postgres() {
        return new PostgresEndpoint(postgresContainer.getHost(), postgresContainer.getMappedPort(POSTGRES_PORT),
                "postgres", PASSWORD);
    }

    BrokerEndpoint broker() {
        // A real RabbitMQ 3.13 declares quorum queues even as a single node.
        return new BrokerEndpoint(rabbitContainer.getHost(), rabbitContainer.getMappedPort(AMQP_PORT),
                "cellbet", PASSWORD, "/", true);
    }

    String describe() {
        return "PostgreSQL: container postgres:16-alpine " + postgres().jdbcUrl("postgres")
                + System.lineSeparator()
                + "broker: container rabbitmq:3.13-alpine amqp://" + rabbitContainer.getHost() + ":"
                + rabbitContainer.getMappedPort(AMQP_PORT) + "/%2f";
    }

    @Override
    public void close() {
        try {
            rabbitContainer.stop();
        } finally {
            postgresContainer.stop();
        }
    }
}
