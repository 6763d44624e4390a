package io.cellbet.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInfrastructureTest {

    @TempDir
    Path workDir;

    @Test
    void startsEmbeddedPostgresAndBrokerWhenNothingConfigured() throws Exception {
        try (LocalInfrastructure infra = LocalInfrastructure.resolve(Map.of(), workDir)) {
            assertTrue(infra.postgresEmbedded());
            assertTrue(infra.brokerEmbedded());
            assertFalse(infra.broker().quorumQueues(), "Qpid has no quorum queues");
            assertTrue(infra.describe().contains("PostgreSQL: embedded"), infra.describe());
            assertTrue(infra.describe().contains("broker: embedded Qpid Broker-J amqp://guest:guest@127.0.0.1:"),
                    infra.describe());

            PostgresEndpoint postgres = infra.postgres();
            postgres.createDatabaseIfMissing("local_infra_test");
            postgres.createDatabaseIfMissing("local_infra_test");
            try (java.sql.Connection connection = DriverManager.getConnection(
                            postgres.jdbcUrl("local_infra_test"), postgres.username(), postgres.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE bet (id bigint PRIMARY KEY, stake numeric NOT NULL)");
                statement.execute("INSERT INTO bet VALUES (1, 2.50)");
                try (ResultSet rows = statement.executeQuery("SELECT current_database(), sum(stake) FROM bet")) {
                    assertTrue(rows.next());
                    assertEquals("local_infra_test", rows.getString(1));
                    assertEquals(0, rows.getBigDecimal(2).compareTo(new java.math.BigDecimal("2.50")));
                }
            }
            postgres.dropDatabaseIfExists("local_infra_test");
            postgres.dropDatabaseIfExists("local_infra_test");

            assertBrokerRoundTrip(infra.broker());
        }
    }

    @Test
    void usesConfiguredUrlsWithoutStartingAnything() {
        Map<String, String> env = Map.of(
                LocalInfrastructure.PG_URL_VARIABLE, "postgresql://postgres@127.0.0.1:5432",
                LocalInfrastructure.BROKER_URL_VARIABLE, "amqp://guest:guest@127.0.0.1:5672/%2f");
        Path untouched = workDir.resolve("not-created");

        try (LocalInfrastructure infra = LocalInfrastructure.resolve(env, untouched)) {
            assertFalse(infra.postgresEmbedded());
            assertFalse(infra.brokerEmbedded());
            assertEquals(new PostgresEndpoint("127.0.0.1", 5432, "postgres", ""), infra.postgres());
            assertEquals(new BrokerEndpoint("127.0.0.1", 5672, "guest", "guest", "/", true), infra.broker());
            assertTrue(infra.broker().quorumQueues());
            assertTrue(infra.describe().contains("PostgreSQL: configured postgresql://postgres@127.0.0.1:5432"),
                    infra.describe());
            assertTrue(infra.describe().contains("broker: configured amqp://guest:***@127.0.0.1:5672/%2f"),
                    infra.describe());
        }
        assertFalse(Files.exists(untouched), "nothing embedded, so no work directory");
    }

    @Test
    void turnsQuorumQueuesOffForConfiguredBrokerWhenAskedTo() {
        Map<String, String> env = Map.of(
                LocalInfrastructure.PG_URL_VARIABLE, "postgresql://postgres@127.0.0.1:5432",
                LocalInfrastructure.BROKER_URL_VARIABLE, "amqp://guest:guest@127.0.0.1:5672/%2f",
                LocalInfrastructure.BROKER_QUORUM_QUEUES_VARIABLE, "false");

        try (LocalInfrastructure infra = LocalInfrastructure.resolve(env, workDir)) {
            assertFalse(infra.broker().quorumQueues());
        }
    }

    private static void assertBrokerRoundTrip(BrokerEndpoint broker) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.url());
        assertEquals("/", factory.getVirtualHost());
        try (Connection connection = factory.newConnection("local-infra-test");
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("bets.events", BuiltinExchangeType.TOPIC, true);
            channel.queueDeclare("settlement.bets", true, false, false, null);
            channel.queueBind("settlement.bets", "bets.events", "bet.placed.#");

            channel.confirmSelect();
            AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder()
                    .contentType("application/json").deliveryMode(2).messageId("m-1").build();
            channel.basicPublish("bets.events", "bet.placed.eu", persistent,
                    "{\"betId\":1}".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);

            BlockingQueue<Delivery> deliveries = new ArrayBlockingQueue<>(1);
            channel.basicQos(10);
            channel.basicConsume("settlement.bets", false,
                    (tag, delivery) -> {
                        // Ack before handing over, so the test thread never closes the channel mid-ack.
                        channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                        deliveries.add(delivery);
                    },
                    tag -> { });
            Delivery delivery = deliveries.poll(10, TimeUnit.SECONDS);
            assertNotNull(delivery, "message not delivered");
            assertEquals("{\"betId\":1}", new String(delivery.getBody(), StandardCharsets.UTF_8));
            assertEquals("bet.placed.eu", delivery.getEnvelope().getRoutingKey());
            assertEquals("m-1", delivery.getProperties().getMessageId());
        }
    }
}
