package io.cellbet.controlplane.risk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.cellbet.controlplane.BrandFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the console guarded, as in production: changing bet limits needs an ops token; the risk view is open. */
@QuarkusTest
@TestProfile(BetLimitsGuardTest.GuardOn.class)
class BetLimitsGuardTest {

    /** The control plane with its console guarded. */
    public static class GuardOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cellbet.control-plane.ops.auth-required", "true");
        }
    }

    @Test
    void changingBetLimitsNeedsAnOpsTokenAndReadingDoesNot() {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "test-admin-password")).when().post("/api/ops/login")
                .then().statusCode(200).extract().jsonPath().getString("accessToken");
        String code = BrandFixtures.uniqueCode();
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(BrandFixtures.brandJson(code, code.toLowerCase() + ".example", "EUR")).when()
                .post("/api/brands").then().statusCode(201);
        String limits = "{\"defaults\":{\"outcomeLiabilityCapMinor\":100000}}";

        given().contentType(ContentType.JSON).body(limits).when().put("/api/brands/" + code + "/bet-limits").then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("token-required"));
        given().when().get("/api/brands/" + code + "/bet-limits").then().statusCode(200)
                .body("builtIn", equalTo(true));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(limits).when()
                .put("/api/brands/" + code + "/bet-limits").then().statusCode(200)
                .body("defaults.outcomeLiabilityCapMinor", equalTo(100_000));
        given().when().get("/api/risk/markets").then().statusCode(200);
    }
}
