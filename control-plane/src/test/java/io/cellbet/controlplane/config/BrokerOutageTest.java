package io.cellbet.controlplane.config;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.controlplane.BrandFixtures;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config committed while the broker is unreachable is published, in order, once it is back. */
@QuarkusTest
@TestProfile(BrokerOutageTest.Profile.class)
class BrokerOutageTest {

    /** Runs the app behind the cuttable broker proxy. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BrokerProxyResource.class));
        }
    }

    @Inject
    Sql sql;

    @Inject
    ObjectMapper json;

    @Test
    void publishesEverythingCommittedWhileTheBrokerWasDown() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(BrokerProxyResource.broker.url());
        try (Connection connection = factory.newConnection("broker-outage-test")) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(Exchanges.PLATFORM_CONFIG, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, Exchanges.PLATFORM_CONFIG, "config.brand.#");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(200));

            BrokerProxyResource.proxy.cut();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(503));

            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String code = BrandFixtures.uniqueCode();
                codes.add(code);
                given().contentType(ContentType.JSON)
                        .body(BrandFixtures.brandJson(code, code.toLowerCase() + ".example", "EUR"))
                        .when().post("/api/brands").then().statusCode(201);
            }
            long unsent = sql.one("SELECT count(*) FROM messaging.outbox_pending", rs -> rs.getLong(1)).orElseThrow();
            assertEquals(3, unsent, "the three changes wait in the outbox");
            assertNull(channel.basicGet(queue, true), "nothing reached the broker while it was cut off");

            BrokerProxyResource.proxy.restore();

            List<JsonNode> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                GetResponse response = channel.basicGet(queue, true);
                if (response != null) {
                    received.add(json.readTree(response.getBody()));
                }
                return received.size() >= 3;
            });
            List<String> keys = received.stream().map(message -> message.path("payload").path("key").asText()).toList();
            assertEquals(codes, keys, "every change arrives, in commit order");
            long first = received.get(0).path("payload").path("version").asLong();
            for (int i = 0; i < received.size(); i++) {
                assertEquals(first + i, received.get(i).path("payload").path("version").asLong());
                assertEquals("ConfigChanged", received.get(i).path("type").asText());
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(0L,
                    sql.one("SELECT count(*) FROM messaging.outbox_pending", rs -> rs.getLong(1)).orElseThrow()));
        }
    }

}
