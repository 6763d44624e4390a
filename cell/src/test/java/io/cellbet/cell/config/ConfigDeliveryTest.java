package io.cellbet.cell.config;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Config changes reach the cell through its durable queue on the real broker; however they are
 * delivered (twice, out of order, late, across a gap) the cell applies each once, in version
 * order, and never goes backwards.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlaneStub.class)
@QuarkusTestResource(CellQueueCleanup.class)
class ConfigDeliveryTest {

    private static final String CODE = "DELIVERY";

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    private Connection connection;
    private Channel channel;

    @BeforeEach
    void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(System.getProperty("cellbet.infra.broker.url"));
        connection = factory.newConnection("config-delivery-test");
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
    void appliesAChangeDeliveredTwiceOnce() throws Exception {
        long version = appliedVersion() + 1;
        UUID messageId = UUID.randomUUID();
        publish(messageId, change(version, "Twice"));
        publish(messageId, change(version, "Twice"));
        awaitVersion(version);
        // A later copy of the same version under another message id is stale, not a new change.
        publish(UUID.randomUUID(), change(version, "Impostor"));
        long next = version + 1;
        publish(UUID.randomUUID(), change(next, "After"));
        awaitVersion(next);
        assertEquals(1L, appliedRows(version));
        assertEquals(1L, sql.one("SELECT count(*) FROM messaging.inbox WHERE message_id = ?", rs -> rs.getLong(1),
                messageId).orElseThrow());
        given().when().get("/api/config/brands/" + CODE).then().statusCode(200).body("name", equalTo("After"));
    }

    @Test
    void appliesOutOfOrderChangesInVersionOrder() throws Exception {
        long first = appliedVersion() + 1;
        publish(UUID.randomUUID(), change(first + 1, "Second"));
        publish(UUID.randomUUID(), change(first, "First"));
        awaitVersion(first + 1);
        given().when().get("/api/config/brands/" + CODE).then().statusCode(200).body("name", equalTo("Second"));
        List<String> order = sql.list("SELECT version FROM config.applied WHERE store_id = ? AND version IN (?, ?) "
                + "ORDER BY applied_at, version", rs -> rs.getString(1), store(), first, first + 1);
        assertEquals(List.of(String.valueOf(first), String.valueOf(first + 1)), order);
    }

    @Test
    void neverGoesBackwards() throws Exception {
        long version = appliedVersion() + 1;
        publish(UUID.randomUUID(), change(version, "Current"));
        awaitVersion(version);
        given().when().get("/api/config/brands/" + CODE).then().body("name", equalTo("Current"));
        publish(UUID.randomUUID(), change(version - 1, "Older"));
        long marker = version + 1;
        publish(UUID.randomUUID(), changeOf("MARKER", marker, "Marker"));
        awaitVersion(marker);
        given().when().get("/api/config/brands/" + CODE).then().body("name", equalTo("Current"));
    }

    @Test
    void replacesEverythingWithASnapshotOfANewStore() throws Exception {
        long held = appliedVersion();
        publish(UUID.randomUUID(), changeOf("OLDSTORE", held + 1, "Only in the old store"));
        awaitVersion(held + 1);
        UUID renewed = UUID.randomUUID();
        ConfigChanged first = new ConfigChanged(renewed, 1, "brand", CODE, Instant.now().truncatedTo(ChronoUnit.MICROS),
                json.valueToTree(brand(CODE, "Renewed")));
        ControlPlaneStub.snapshotJson = json.writeValueAsString(
                new io.cellbet.contracts.config.ConfigSnapshot(renewed, 1, List.of(first)));
        // Version 1 of another store is not "stale": the cell asks for a snapshot of that store.
        publish(UUID.randomUUID(), first);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get("/api/config/version").then()
                        .body("storeId", equalTo(renewed.toString()))
                        .body("version", equalTo(1)));
        given().when().get("/api/config/brands/" + CODE).then().statusCode(200).body("name", equalTo("Renewed"));
        given().when().get("/api/config/brands/OLDSTORE").then().statusCode(404);
    }

    @Test
    void rejectsAnUnreadableChangeWithoutHoldingBackTheNext() throws Exception {
        double rejectedBefore = rejectedMessages();
        ObjectNode unreadable = json.createObjectNode().put("version", "not a number");
        publishPayload(UUID.randomUUID(), unreadable);
        long version = appliedVersion() + 1;
        publish(UUID.randomUUID(), change(version, "After the unreadable one"));
        awaitVersion(version);
        given().when().get("/api/config/brands/" + CODE).then().body("name", equalTo("After the unreadable one"));
        await().atMost(Duration.ofSeconds(20)).until(() -> rejectedMessages() >= rejectedBefore + 1);
    }

    private double rejectedMessages() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("cellbet_inbox_rejected_total{") && line.contains("cell.config"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void closesAGapWithASnapshot() throws Exception {
        long held = appliedVersion();
        long ahead = held + 3;
        ConfigChanged latest = change(ahead, "FromSnapshot");
        ControlPlaneStub.snapshotJson = json.writeValueAsString(
                new io.cellbet.contracts.config.ConfigSnapshot(store(), ahead, List.of(latest)));
        publish(UUID.randomUUID(), latest);
        awaitVersion(ahead);
        given().when().get("/api/config/brands/" + CODE).then().body("name", equalTo("FromSnapshot"));
        assertEquals("snapshot", sql.one("SELECT via FROM config.applied WHERE store_id = ? AND version = ?",
                rs -> rs.getString(1), store(), ahead).orElseThrow());
        assertEquals(0L, sql.one("SELECT count(*) FROM config.pending", rs -> rs.getLong(1)).orElseThrow());
    }

    /** The store the cell holds (the stub's initial one before its first sync). */
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

    /** Rows of the version in the store the cell holds: a renewed store (another test) restarts its versions. */
    private long appliedRows(long version) {
        return sql.one("SELECT count(*) FROM config.applied WHERE store_id = ? AND version = ?", rs -> rs.getLong(1),
                store(), version).orElseThrow();
    }

    private ConfigChanged change(long version, String name) {
        return changeOf(CODE, version, name);
    }

    private ConfigChanged changeOf(String code, long version, String name) {
        return new ConfigChanged(store(), version, "brand", code, Instant.now().truncatedTo(ChronoUnit.MICROS),
                json.valueToTree(brand(code, name)));
    }

    private static BrandConfig brand(String code, String name) {
        return new BrandConfig(code, name, List.of(code.toLowerCase() + ".example"), List.of("EUR"), "en",
                List.of("sportsbook"), "internal", null, new BrandConfig.Theme("#000000", "#ffffff", null));
    }

    private void publish(UUID messageId, ConfigChanged change) throws Exception {
        publishPayload(messageId, json.valueToTree(change));
    }

    private void publishPayload(UUID messageId, com.fasterxml.jackson.databind.JsonNode payload) throws Exception {
        channel.basicPublish(Exchanges.PLATFORM_CONFIG, Exchanges.configRoutingKey("brand", CODE),
                ConfigEnvelopes.properties(messageId), ConfigEnvelopes.body(json, messageId, payload));
        channel.waitForConfirmsOrDie(5_000);
    }
}
