package io.cellbet.cell.config;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.SportsbookContent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.sportsbook.api.BrandContents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A brand's sportsbook content published on {@code platform.config} reaches the sportsbook through
 * {@link BrandContents}, and a newer version replaces what the cache held.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlaneStub.class)
@QuarkusTestResource(CellQueueCleanup.class)
class SportsbookContentDeliveryTest {

    private static final String CODE = "CONTENT";

    @Inject
    ObjectMapper json;

    @Inject
    BrandContents contents;

    private Connection connection;
    private Channel channel;

    @BeforeEach
    void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(System.getProperty("cellbet.infra.broker.url"));
        connection = factory.newConnection("sportsbook-content-delivery-test");
        channel = connection.createChannel();
        channel.confirmSelect();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
    }

    @AfterEach
    void disconnect() throws Exception {
        connection.close();
    }

    @Test
    void answersNoOverridesForABrandWithoutContent() {
        assertEquals(SportsbookContent.NONE, contents.content("NOCONTENT"));
        assertEquals(SportsbookContent.NONE, contents.content(null));
    }

    @Test
    void servesPublishedContentAndANewerVersionOfIt() throws Exception {
        SportsbookContent first = new SportsbookContent(Set.of(5), Set.of("sr:match:7"), Set.of(29),
                Set.of("sr:match:1/18/total=2.5"), Map.of(1, new BigDecimal("2.5")), List.of("sr:match:9"));
        long version = appliedVersion() + 1;
        publish(version, first);
        awaitVersion(version);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.equals(contents.content(CODE)));
        SportsbookContent held = contents.content(CODE);
        assertEquals(new BigDecimal("1.95"), held.price(1, new BigDecimal("2.00")));
        assertEquals(false, held.marketVisible("sr:match:1", 18, "total=2.5"));

        // The first document is cached now; the next version must replace it without a restart.
        SportsbookContent second = new SportsbookContent(Set.of(), Set.of(), Set.of(), Set.of(), Map.of(),
                List.of("sr:match:3"));
        publish(version + 1, second);
        awaitVersion(version + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> second.equals(contents.content(CODE)));
        assertEquals(true, contents.content(CODE).featured("sr:match:3"));
    }

    private UUID store() {
        String held = given().when().get("/api/config/version").then().statusCode(200).extract().jsonPath()
                .getString("storeId");
        return held == null ? ControlPlaneStub.STORE : UUID.fromString(held);
    }

    private long appliedVersion() {
        return given().when().get("/api/config/version").then().statusCode(200).extract().jsonPath().getLong("version");
    }

    private void awaitVersion(long version) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get("/api/config/version").then().body("version", equalTo((int) version)));
    }

    private void publish(long version, SportsbookContent content) throws Exception {
        ConfigChanged change = new ConfigChanged(store(), version, ConfigKinds.SPORTSBOOK_CONTENT, CODE,
                Instant.now().truncatedTo(ChronoUnit.MICROS), json.valueToTree(content));
        UUID messageId = UUID.randomUUID();
        ObjectNode envelope = json.createObjectNode()
                .put("id", messageId.toString())
                .put("type", ConfigChanged.TYPE)
                .put("schemaVersion", ConfigChanged.SCHEMA_VERSION)
                .put("source", "control-plane")
                .put("occurredAt", Instant.now().toString())
                .put("correlationId", messageId.toString());
        envelope.set("payload", json.valueToTree(change));
        channel.basicPublish(Exchanges.PLATFORM_CONFIG, Exchanges.configRoutingKey(ConfigKinds.SPORTSBOOK_CONTENT, CODE),
                new AMQP.BasicProperties.Builder().messageId(messageId.toString()).deliveryMode(2).build(),
                json.writeValueAsBytes(envelope));
        channel.waitForConfirmsOrDie(5_000);
    }
}
