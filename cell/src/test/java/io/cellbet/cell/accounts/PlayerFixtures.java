package io.cellbet.cell.accounts;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Players registered and logged in over the cell's REST API. */
final class PlayerFixtures {

    static final String PASSWORD = "Correct-Horse-42";

    private PlayerFixtures() {
    }

    /** A valid registration with a unique e-mail and username. */
    static Map<String, Object> application() {
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

    static Response login(String brand, String login, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", password))
                .when().post("/api/brands/" + brand + "/login");
    }
}
