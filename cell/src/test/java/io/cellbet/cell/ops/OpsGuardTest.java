package io.cellbet.cell.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.OpsKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cell's ops endpoints take only ops tokens signed by the control plane's key, which reaches
 * the cell as replicated config; players' endpoints are untouched. (The other tests run with the
 * guard off; this one runs the cell as production does.)
 */
@QuarkusTest
@TestProfile(OpsGuardTest.GuardOn.class)
class OpsGuardTest {

    /** The cell with its ops endpoints guarded, as in production. */
    public static class GuardOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cellbet.cell.ops-auth-required", "true");
        }
    }

    private static KeyPair controlPlaneKey;
    private static String keyId;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    @BeforeEach
    void opsKey() throws Exception {
        if (controlPlaneKey == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            controlPlaneKey = generator.generateKeyPair();
            keyId = "test-ops-" + UUID.randomUUID();
            new TestBrands(json, cellId).applyValue(System.getProperty("cellbet.infra.broker.url"),
                    ConfigKinds.OPS_KEY, OpsKey.CURRENT, new OpsKey(keyId, "RS256", OpsKey.ISSUER,
                            Base64.getEncoder().encodeToString(controlPlaneKey.getPublic().getEncoded())));
        }
    }

    @Test
    void opsEndpointsNeedAnOpsTokenOfTheControlPlane() throws Exception {
        String path = "/api/wallet/accounts?brand=OPSGUARD";
        given().when().get(path).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("code", equalTo("OPS_TOKEN_REQUIRED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .header("Authorization", "Bearer " + token(controlPlaneKey, Set.of("ops"), OpsKey.AUDIENCE))
                .when().get(path).then().statusCode(200));
        given().header("Authorization", "Bearer " + token(controlPlaneKey, Set.of("player"), OpsKey.AUDIENCE))
                .when().get(path).then().statusCode(403).body("code", equalTo("OPS_ROLE_REQUIRED"));
        given().header("Authorization", "Bearer " + token(controlPlaneKey, Set.of("ops"), "cellbet-player"))
                .when().get(path).then().statusCode(401).body("code", equalTo("INVALID_OPS_TOKEN"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        given().header("Authorization", "Bearer " + token(generator.generateKeyPair(), Set.of("ops"),
                OpsKey.AUDIENCE)).when().get(path).then().statusCode(401).body("code", equalTo("INVALID_OPS_TOKEN"));
        given().header("Authorization", "Bearer " + token(controlPlaneKey, Set.of("ops"), OpsKey.AUDIENCE))
                .when().get("/api/accounts/players/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("UNKNOWN_PLAYER"));
    }

    @Test
    void playersEndpointsAreNotOpsEndpoints() {
        given().contentType(ContentType.JSON).body(Map.of("login", "nobody@example.com", "password", "x"))
                .when().post("/api/brands/NO_SUCH_BRAND/login").then().statusCode(401)
                .body("code", equalTo("INVALID_CREDENTIALS"));
        given().when().get("/api/config/version").then().statusCode(200);
    }

    private static String token(KeyPair key, Set<String> groups, String audience) {
        Instant now = Instant.now();
        return Jwt.issuer(OpsKey.ISSUER).subject("alice").audience(audience).groups(groups).issuedAt(now)
                .expiresAt(now.plusSeconds(600)).jws().keyId(keyId).sign(key.getPrivate());
    }
}
