package io.cellbet.controlplane.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.cellbet.controlplane.BrandFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the console guarded, as in production: changes need an ops token; reads, ops login and the
 * brands' routing of new players do not. (The other control-plane tests run with the guard off.)
 */
@QuarkusTest
@TestProfile(ConsoleGuardTest.GuardOn.class)
class ConsoleGuardTest {

    /** The control plane with its console guarded. */
    public static class GuardOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cellbet.control-plane.ops.auth-required", "true");
        }
    }

    @Test
    void changesNeedAnOpsTokenAndReadsDoNot() {
        String code = BrandFixtures.uniqueCode();
        String brand = BrandFixtures.brandJson(code, code.toLowerCase() + ".example", "EUR");
        given().contentType(ContentType.JSON).body(brand).when().post("/api/brands").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("token-required"));
        given().header("Authorization", "Bearer forged").contentType(ContentType.JSON).body(brand).when()
                .post("/api/brands").then().statusCode(401).body("code", equalTo("invalid-token"));
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "test-admin-password")).when().post("/api/ops/login")
                .then().statusCode(200).extract().jsonPath().getString("accessToken");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(brand).when()
                .post("/api/brands").then().statusCode(201);
        given().when().get("/api/brands/" + code).then().statusCode(200);
        given().when().get("/api/config/version").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("brand", code)).when().post("/api/players/route").then()
                .statusCode(org.hamcrest.Matchers.not(401));
    }
}
