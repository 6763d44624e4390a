package io.cellbet.cell.accounts;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.contracts.messaging.Exchanges;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Players registered and logged in over the cell's REST API. */
public final class PlayerFixtures {

    public static final String PASSWORD = "Correct-Horse-42";

    private PlayerFixtures() {
    }

    /** A valid registration with a unique e-mail and username. */
    public static Map<String, Object> application() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "p" + unique + "@example.com");
        body.put("username", "player_" + unique);
        body.put("password", PASSWORD);
        body.put("dateOfBirth", "1990-04-23");
        body.put("country", "GB");
        body.put("currency", "EUR");
        return body;
    }

    static Response register(String brand, Map<String, Object> application) {
        return given().contentType(ContentType.JSON).body(application).when().post("/api/brands/" + brand + "/players");
    }

    /** A registered player logged in: its id and access token. */
    public record LoggedIn(String id, String accessToken, Map<String, Object> application) {
    }

    public static LoggedIn registerAndLogIn(String brand, Map<String, Object> application) {
        String id = register(brand, application).then().statusCode(201).extract().jsonPath().getString("id");
        String token = login(brand, (String) application.get("email"), PASSWORD).then().statusCode(200)
                .extract().jsonPath().getString("accessToken");
        return new LoggedIn(id, token, application);
    }

    /**
     * Moves money between the player's cash account and one of the brand's house accounts, as a
     * transfer of {@code type}: {@code deposit} and {@code win} credit the player, {@code stake} debits.
     */
    public static void move(String brand, String playerId, String type, long amountMinor) {
        long cash = given().queryParam("brand", brand).queryParam("playerId", playerId).when()
                .get("/api/wallet/accounts").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.kind == 'cash' }.id");
        String houseKind = switch (type) {
            case "deposit" -> "payments_clearing";
            default -> "sportsbook_ggr";
        };
        long house = given().contentType(ContentType.JSON)
                .body(Map.of("brand", brand, "kind", houseKind, "currency", "EUR"))
                .when().post("/api/wallet/accounts").then().extract().jsonPath().getLong("id");
        boolean toPlayer = !type.equals("stake");
        given().contentType(ContentType.JSON).body(Map.of("idempotencyKey", type + "-" + UUID.randomUUID(),
                "transfers", java.util.List.of(Map.of("debitAccountId", toPlayer ? house : cash,
                        "creditAccountId", toPlayer ? cash : house, "amountMinor", amountMinor, "currency", "EUR",
                        "type", type))))
                .when().post("/api/wallet/transfers").then().statusCode(201);
    }

    /** Sends a command to the test cell as the control plane does, on {@code platform.cell-commands}. */
    static void sendCommand(ObjectMapper json, String cellId, String type, Object command) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(System.getProperty("cellbet.infra.broker.url"));
        try (Connection connection = factory.newConnection("player-command-test");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            // The id follows from the content: the same command sent twice is a redelivery.
            UUID id = UUID.nameUUIDFromBytes(json.writeValueAsBytes(command));
            ObjectNode envelope = json.createObjectNode().put("id", id.toString()).put("type", type)
                    .put("schemaVersion", 1).put("source", "control-plane")
                    .put("occurredAt", Instant.now().toString()).put("correlationId", id.toString());
            envelope.set("payload", json.valueToTree(command));
            channel.basicPublish(Exchanges.CELL_COMMANDS, Exchanges.cellCommandRoutingKey(cellId, type),
                    new AMQP.BasicProperties.Builder().messageId(id.toString()).deliveryMode(2).build(),
                    json.writeValueAsBytes(envelope));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    static Response login(String brand, String login, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", password))
                .when().post("/api/brands/" + brand + "/login");
    }
}
