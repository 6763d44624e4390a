package io.cellbet.testsupport.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.localinfra.BrokerEndpoint;
import io.cellbet.localinfra.LocalInfrastructure;
import io.cellbet.localinfra.PostgresEndpoint;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs inside the session the listener (registered by this module) opened for this JVM. */
class InfrastructureSessionListenerTest {

    private static final String DATABASE = "cellbet_testsupport_test";

    @Test
    void publishesInfrastructureAsSystemPropertiesBeforeTestsRun() {
        assertEquals(DATABASE, System.getProperty(TestInfrastructure.DATABASE_PROPERTY),
                "surefire configuration of this module");
        assertEquals("false", System.getProperty("quarkus.devservices.enabled"));
        assertEquals(TestInfrastructure.postgres().url(), System.getProperty(TestInfrastructure.PG_URL_PROPERTY));
        assertEquals(Boolean.toString(TestInfrastructure.broker().quorumQueues()),
                System.getProperty(TestInfrastructure.QUORUM_QUEUES_PROPERTY));
        assertEquals(TestInfrastructure.postgres().jdbcUrl(DATABASE), System.getProperty("quarkus.datasource.jdbc.url"));
        assertEquals(TestInfrastructure.postgres().username(), System.getProperty("quarkus.datasource.username"));
    }

    @Test
    void providesAnEmptyTestDatabaseAndAReachableBroker() throws Exception {
        PostgresEndpoint postgres = TestInfrastructure.postgres();
        try (java.sql.Connection connection = DriverManager.getConnection(
                        System.getProperty("quarkus.datasource.jdbc.url"), postgres.username(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT current_database(), count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            assertTrue(rows.next());
            assertEquals(DATABASE, rows.getString(1));
            assertEquals(0, rows.getInt(2), "the database is recreated empty for every test JVM");
        }

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(System.getProperty(TestInfrastructure.BROKER_URL_PROPERTY));
        try (Connection connection = factory.newConnection("test-support");
                Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.basicPublish("", queue, null, new byte[] {42});
            assertNotNull(channel.basicGet(queue, true));
        }
    }

    @Test
    void usesConfiguredUrlsWithoutDockerAndRestoresPropertiesOnClose(@TempDir Path workDir) {
        // Point a second resolution at the servers this JVM already has, as CELLBET_* variables would.
        PostgresEndpoint postgres = TestInfrastructure.postgres();
        BrokerEndpoint broker = TestInfrastructure.broker();
        Map<String, String> environment = Map.of(
                LocalInfrastructure.PG_URL_VARIABLE, postgres.url(),
                LocalInfrastructure.BROKER_URL_VARIABLE, broker.url());
        String jdbcBefore = System.getProperty("quarkus.datasource.jdbc.url");
        String otherDatabase = "cellbet_testsupport_configured";
        System.setProperty(TestInfrastructure.DATABASE_PROPERTY, otherDatabase);
        try (TestInfrastructure.Running running = TestInfrastructure.open(environment, () -> {
            throw new AssertionError("configured URLs must win before Docker is even asked");
        }, workDir)) {
            assertEquals(postgres.jdbcUrl(otherDatabase), System.getProperty("quarkus.datasource.jdbc.url"));
            assertEquals("true", System.getProperty(TestInfrastructure.QUORUM_QUEUES_PROPERTY),
                    "configured brokers are assumed to be RabbitMQ");
        } finally {
            System.setProperty(TestInfrastructure.DATABASE_PROPERTY, DATABASE);
        }
        assertEquals(jdbcBefore, System.getProperty("quarkus.datasource.jdbc.url"));
        assertEquals(Boolean.toString(broker.quorumQueues()),
                System.getProperty(TestInfrastructure.QUORUM_QUEUES_PROPERTY));
        assertFalse(workDir.resolve("postgres-data").toFile().exists(), "nothing embedded");
        postgres.dropDatabaseIfExists(otherDatabase);
    }

    @Test
    void doesNothingWhenSwitchedOff() {
        String previous = System.getProperty(TestInfrastructure.SWITCH_PROPERTY);
        System.setProperty(TestInfrastructure.SWITCH_PROPERTY, "off");
        String pgBefore = System.getProperty(TestInfrastructure.PG_URL_PROPERTY);
        try {
            InfrastructureSessionListener listener = new InfrastructureSessionListener();
            listener.launcherSessionOpened(null);
            listener.launcherSessionClosed(null);
            assertEquals(pgBefore, System.getProperty(TestInfrastructure.PG_URL_PROPERTY));
        } finally {
            if (previous == null) {
                System.clearProperty(TestInfrastructure.SWITCH_PROPERTY);
            } else {
                System.setProperty(TestInfrastructure.SWITCH_PROPERTY, previous);
            }
        }
    }
}
