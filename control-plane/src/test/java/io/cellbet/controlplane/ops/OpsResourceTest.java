package io.cellbet.controlplane.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.OpsKey;
import io.cellbet.platform.security.OpsTokenVerifier;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ops users log in for tokens the cells verify with the public key the control plane replicates to them. */
@QuarkusTest
class OpsResourceTest {

    @Test
    void theBootstrapAdminLogsInAndTheKeyToCheckTheTokenIsReplicatedConfig() {
        JsonPath session = login("admin", "test-admin-password").then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).body("roles", equalTo(List.of("ops", "admin")))
                .extract().jsonPath();
        JsonPath change = given().when().get("/api/config/changes?afterVersion=0&limit=1000").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> keys = change.getList("findAll { it.kind == '" + ConfigKinds.OPS_KEY + "' }.value");
        assertTrue(!keys.isEmpty(), "the ops key is published as config");
        Map<String, Object> key = keys.get(keys.size() - 1);
        OpsTokenVerifier verifier = OpsTokenVerifier.of((String) key.get("keyId"), (String) key.get("publicKey"),
                OpsKey.ISSUER, OpsKey.AUDIENCE);
        OpsTokenVerifier.OpsUser user = verifier.verify(session.getString("accessToken")).orElseThrow();
        assertEquals("admin", user.username());
        assertTrue(user.has(OpsKey.ROLE_OPS) && user.has(OpsKey.ROLE_ADMIN));
    }

    @Test
    void refusesWrongPasswordsAndUnknownUsersAlike() {
        login("admin", "not-the-password").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("invalid-credentials"));
        login("nobody", "test-admin-password").then().statusCode(401).body("code", equalTo("invalid-credentials"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/ops/login").then().statusCode(400);
    }

    @Test
    void onlyAdminsCreateOpsUsers() {
        String admin = login("admin", "test-admin-password").then().extract().jsonPath().getString("accessToken");
        String name = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        createUser(null, name, false).then().statusCode(401).body("code", equalTo("token-required"));
        createUser("not.a.token", name, false).then().statusCode(401).body("code", equalTo("invalid-token"));
        createUser(admin, name, false).then().statusCode(201);
        createUser(admin, name, false).then().statusCode(409).body("code", equalTo("username-taken"));
        String ops = login(name, "a-long-ops-password").then().statusCode(200).body("roles", equalTo(List.of("ops")))
                .extract().jsonPath().getString("accessToken");
        createUser(ops, name + "x", false).then().statusCode(403).body("code", equalTo("admin-required"));
        given().header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("username", "Bad Name", "password", "short")).when().post("/api/ops/users").then()
                .statusCode(400).body("errors.field", hasItem("username")).body("errors.field", hasItem("password"));
    }

    private static io.restassured.response.Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/api/ops/login");
    }

    private static io.restassured.response.Response createUser(String token, String name, boolean admin) {
        var request = given().contentType(ContentType.JSON);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.body(Map.of("username", name, "password", "a-long-ops-password", "admin", admin))
                .when().post("/api/ops/users");
    }
}
