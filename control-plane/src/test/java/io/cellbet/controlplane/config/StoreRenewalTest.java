package io.cellbet.controlplane.config;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.contracts.cells.CellPresence;
import io.cellbet.contracts.messaging.Exchanges;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A cell reporting a version this store never reached proves the store's history was replaced
 * (a restored database): the store takes a new id and announces it, so every cell resyncs.
 */
@QuarkusTest
class StoreRenewalTest {

    @Inject
    ObjectMapper json;

    @Test
    void renewsTheStoreWhenACellIsAheadOfIt() throws Exception {
        JsonPath before = given().when().get("/api/config/version").then().statusCode(200).extract().jsonPath();
        String storeId = before.getString("storeId");
        long version = before.getLong("version");

        report(new CellPresence("cell-ahead", "local", "http://127.0.0.1:1", List.of(), UUID.fromString(storeId),
                version + 50, Instant.now(), Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get("/api/config/version").then()
                        .body("storeId", not(equalTo(storeId)))
                        .body("version", equalTo((int) version + 1)));
        given().when().get("/api/config/changes?afterVersion=" + version).then().statusCode(200)
                .body("[0].kind", equalTo("store"))
                .body("[0].key", equalTo("epoch"));
        given().when().get("/api/cells/cell-ahead").then().statusCode(200)
                .body("appliedConfigVersion", equalTo((int) version + 50));
    }

    @Test
    void keepsTheStoreForCellsOfAnotherStoreOrBehind() throws Exception {
        JsonPath before = given().when().get("/api/config/version").then().statusCode(200).extract().jsonPath();
        String storeId = before.getString("storeId");
        long version = before.getLong("version");

        report(new CellPresence("cell-foreign", "local", "http://127.0.0.1:1", List.of(), UUID.randomUUID(),
                version + 50, Instant.now(), Instant.now()));
        report(new CellPresence("cell-behind", "local", "http://127.0.0.1:1", List.of(), UUID.fromString(storeId),
                version, Instant.now(), Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get("/api/cells/cell-behind").then().statusCode(200));
        given().when().get("/api/cells/cell-foreign").then().statusCode(200);
        given().when().get("/api/config/version").then()
                .body("storeId", equalTo(storeId))
                .body("version", equalTo((int) version));
    }

    private void report(CellPresence presence) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(System.getProperty("cellbet.infra.broker.url"));
        try (Connection connection = factory.newConnection("store-renewal-test");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            UUID id = UUID.randomUUID();
            ObjectNode envelope = json.createObjectNode()
                    .put("id", id.toString())
                    .put("type", CellPresence.HEARTBEAT)
                    .put("schemaVersion", CellPresence.SCHEMA_VERSION)
                    .put("source", presence.cellId())
                    .put("occurredAt", Instant.now().toString())
                    .put("correlationId", id.toString());
            envelope.set("payload", json.valueToTree(presence));
            channel.basicPublish(Exchanges.CELL_EVENTS, Exchanges.cellEventRoutingKey(presence.cellId(), "heartbeat"),
                    new AMQP.BasicProperties.Builder().messageId(id.toString()).deliveryMode(2).build(),
                    json.writeValueAsBytes(envelope));
            channel.waitForConfirmsOrDie(5_000);
        }
    }
}
