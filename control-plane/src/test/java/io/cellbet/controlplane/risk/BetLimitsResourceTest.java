package io.cellbet.controlplane.risk;

import static io.cellbet.controlplane.BrandFixtures.brandJson;
import static io.cellbet.controlplane.BrandFixtures.uniqueCode;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.config.BetLimits;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.testsupport.broker.ExchangeTap;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A brand's bet limits over REST against the real database and broker: the built-in ones until set; a
 * replacement stored at a new config version of kind {@code bet-limits} and announced on
 * {@code platform.config}, so it reaches every cell; every rule a named 400 problem.
 */
@QuarkusTest
class BetLimitsResourceTest {

    @Inject
    ObjectMapper json;

    /** Config messages of kind bet-limits by version, as they arrive on {@code platform.config}. */
    private final Map<Long, JsonNode> published = new ConcurrentHashMap<>();
    private ExchangeTap tap;
    private String code;
    private String base;

    @BeforeEach
    void setUp() throws IOException {
        tap = ExchangeTap.open(TestInfrastructure.broker().url(), Exchanges.PLATFORM_CONFIG,
                List.of("config." + ConfigKinds.BET_LIMITS + ".#"), message -> {
                    try {
                        JsonNode payload = json.readTree(message.body()).path("payload");
                        published.put(payload.path("version").asLong(), payload);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        code = uniqueCode();
        given().contentType(ContentType.JSON).body(brandJson(code, code.toLowerCase() + ".example", "EUR"))
                .post("/api/brands").then().statusCode(201);
        base = "/api/brands/" + code + "/bet-limits";
    }

    @AfterEach
    void tearDown() throws IOException {
        tap.close();
    }

    @Test
    void servesTheBuiltInLimitsForABrandNeverConfigured() {
        given().when().get(base).then().statusCode(200)
                .body("builtIn", equalTo(true))
                .body("configVersion", equalTo(0))
                .body("updatedAt", nullValue())
                .body("defaults.minStakeMinor", equalTo(10))
                .body("defaults.maxStakeMinor", equalTo(500_000))
                .body("defaults.cashOutMargin", equalTo(0.05f))
                .body("sports.1.liveDelaySeconds", equalTo(5));
    }

    @Test
    void answersAnUnknownBrandWithNotFound() {
        given().when().get("/api/brands/NOSUCHBRAND/bet-limits").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("brand-not-found"));
        given().contentType(ContentType.JSON).body("{}").when().put("/api/brands/NOSUCHBRAND/bet-limits")
                .then().statusCode(404).body("code", equalTo("brand-not-found"));
    }

    @Test
    void replacesTheLimitsAtTheNextConfigVersionAndRecordsThemForEveryCell() throws Exception {
        long before = configVersion();
        String limits = """
                {"defaults":{"maxStakeMinor":200000,"marketLiabilityCapMinor":2000000,"cashOutMargin":0.07},
                 "sports":{"1":{"outcomeLiabilityCapMinor":1000000,"liveDelaySeconds":8},"5":{"minStakeMinor":50}}}""";
        long version = given().contentType(ContentType.JSON).body(limits).when().put(base).then().statusCode(200)
                .body("builtIn", equalTo(false))
                .body("configVersion", equalTo((int) before + 1))
                .body("defaults.maxStakeMinor", equalTo(200_000))
                .body("defaults.minStakeMinor", nullValue())
                .body("sports.1.liveDelaySeconds", equalTo(8))
                .extract().jsonPath().getLong("configVersion");

        given().when().get(base).then().statusCode(200)
                .body("builtIn", equalTo(false))
                .body("configVersion", equalTo((int) version))
                .body("defaults.marketLiabilityCapMinor", equalTo(2_000_000))
                .body("sports.5.minStakeMinor", equalTo(50));

        JsonPath change = given().queryParam("afterVersion", version - 1).queryParam("limit", 1).when()
                .get("/api/config/changes").then().statusCode(200).extract().jsonPath();
        assertEquals(ConfigKinds.BET_LIMITS, change.getString("[0].kind"));
        assertEquals(code, change.getString("[0].key"));
        assertEquals(version, change.getLong("[0].version"));
        assertEquals(1_000_000, change.getInt("[0].value.sports.1.outcomeLiabilityCapMinor"));

        // What a cell receives, read as the cell reads it: the brand's limits over the built-in ones.
        BetLimits sent = json.treeToValue(awaitPublished(version).path("value"), BetLimits.class);
        BetLimits.Limits football = sent.forSport(BetLimits.FOOTBALL);
        assertEquals(1_000_000L, football.outcomeLiabilityCapMinor());
        assertEquals(2_000_000L, football.marketLiabilityCapMinor());
        assertEquals(200_000L, football.maxStakeMinor());
        assertEquals(10L, football.minStakeMinor());
        assertEquals(8, football.liveDelaySeconds());
        assertEquals(new BigDecimal("0.07"), football.cashOutMargin());
        assertEquals(50L, sent.forSport(BetLimits.TENNIS).minStakeMinor());
        assertEquals(3, sent.forSport(BetLimits.TENNIS).liveDelaySeconds());
    }

    @Test
    void aReplacementThatChangesNothingTakesNoNewVersion() {
        String limits = "{\"defaults\":{\"eventLiabilityCapMinor\":9000000}}";
        long version = given().contentType(ContentType.JSON).body(limits).when().put(base).then().statusCode(200)
                .extract().jsonPath().getLong("configVersion");
        long before = configVersion();
        given().contentType(ContentType.JSON).body(limits).when().put(base).then().statusCode(200)
                .body("configVersion", equalTo((int) version));
        assertVersionUnchanged(before);
    }

    @Test
    void refusesLimitsWrittenOverAChangeTheyHaveNotSeen() {
        long read = given().when().get(base).then().extract().jsonPath().getLong("configVersion");
        given().contentType(ContentType.JSON).body("{\"defaults\":{\"maxStakeMinor\":100000}}").when().put(base)
                .then().statusCode(200);
        long before = configVersion();
        given().contentType(ContentType.JSON).body("{\"defaults\":{\"maxStakeMinor\":300000},\"configVersion\":"
                + read + "}").when().put(base).then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("limits-version-mismatch"));
        assertVersionUnchanged(before);
        given().when().get(base).then().body("defaults.maxStakeMinor", equalTo(100_000));
        long current = given().when().get(base).then().extract().jsonPath().getLong("configVersion");
        given().contentType(ContentType.JSON).body("{\"defaults\":{\"maxStakeMinor\":300000},\"configVersion\":"
                + current + "}").when().put(base).then().statusCode(200)
                .body("defaults.maxStakeMinor", equalTo(300_000));
    }

    @Test
    void namesEachBrokenRuleWithItsOwnCode() {
        long before = configVersion();
        reject("{\"defaults\":{\"maxStakeMinor\":0}}", "invalid-amount", "defaults.maxStakeMinor");
        reject("{\"defaults\":{\"minStakeMinor\":-5}}", "invalid-amount", "defaults.minStakeMinor");
        reject("{\"sports\":{\"1\":{\"outcomeLiabilityCapMinor\":-1}}}", "invalid-amount",
                "sports.1.outcomeLiabilityCapMinor");
        reject("{\"sports\":{\"1\":{\"marketLiabilityCapMinor\":0}}}", "invalid-amount",
                "sports.1.marketLiabilityCapMinor");
        reject("{\"defaults\":{\"eventLiabilityCapMinor\":1000000000000001}}", "invalid-amount",
                "defaults.eventLiabilityCapMinor");
        reject("{\"defaults\":{\"maxPayoutMinor\":0}}", "invalid-amount", "defaults.maxPayoutMinor");
        reject("{\"defaults\":{\"minStakeMinor\":500,\"maxStakeMinor\":100}}", "min-stake-above-max-stake",
                "defaults.minStakeMinor");
        // Against the built-in most stake (500,000) and against the brand's own defaults.
        reject("{\"defaults\":{\"minStakeMinor\":600000}}", "min-stake-above-max-stake", "defaults.minStakeMinor");
        reject("{\"defaults\":{\"maxStakeMinor\":1000},\"sports\":{\"1\":{\"minStakeMinor\":2000}}}",
                "min-stake-above-max-stake", "sports.1.minStakeMinor");
        reject("{\"defaults\":{\"liveDelaySeconds\":61}}", "invalid-live-delay", "defaults.liveDelaySeconds");
        reject("{\"sports\":{\"5\":{\"liveDelaySeconds\":-1}}}", "invalid-live-delay", "sports.5.liveDelaySeconds");
        reject("{\"defaults\":{\"cashOutMargin\":0.51}}", "invalid-cash-out-margin", "defaults.cashOutMargin");
        reject("{\"defaults\":{\"cashOutMargin\":-0.01}}", "invalid-cash-out-margin", "defaults.cashOutMargin");
        reject("{\"defaults\":{\"cashOutMargin\":0.00001}}", "invalid-cash-out-margin", "defaults.cashOutMargin");
        reject("{\"sports\":{\"0\":{\"liveDelaySeconds\":1}}}", "invalid-sport-id", "sports.0");
        reject("{\"sports\":{\"-3\":{\"liveDelaySeconds\":1}}}", "invalid-sport-id", "sports.-3");
        reject("{\"sports\":{\"football\":{\"liveDelaySeconds\":1}}}", "invalid-sport-id", "sports.football");
        reject("{\"sports\":{\"1\":null}}", "missing-limits", "sports.1");
        reject("{\"sports\":{" + IntStream.rangeClosed(1, 1_001).mapToObj(i -> "\"" + i + "\":{}")
                .collect(Collectors.joining(",")) + "}}", "too-many-sports", "sports");
        reject("{\"defaults\":{\"maxStake\":100}}", "unknown-field", "defaults.maxStake");
        reject("{\"limits\":{}}", "unknown-field", "limits");
        reject("{\"defaults\":{\"maxStakeMinor\":1.5}}", "invalid-json", "defaults.maxStakeMinor");
        reject("{\"defaults\":{\"maxStakeMinor\":\"lots\"}}", "invalid-json", "defaults.maxStakeMinor");
        reject("null", "body-required", "");
        reject("", "body-required", "");
        given().contentType(ContentType.JSON).body("{\"defaults\":").when().put(base).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("malformed-json"));
        assertVersionUnchanged(before);
    }

    @Test
    void reportsEveryBrokenRuleOfOneDocument() {
        put("""
                {"defaults":{"maxPayoutMinor":0,"liveDelaySeconds":90},
                 "sports":{"x":{"cashOutMargin":0.9},"1":{"minStakeMinor":900000}}}""").statusCode(400)
                .body("code", equalTo("invalid-amount"))
                .body("errors.field", containsInAnyOrder("defaults.maxPayoutMinor",
                        "defaults.liveDelaySeconds", "sports.x", "sports.x.cashOutMargin", "sports.1.minStakeMinor"));
        given().when().get(base).then().body("builtIn", equalTo(true));
    }

    @Test
    void acceptsTheBoundsOfEachRule() {
        put("""
                {"defaults":{"minStakeMinor":1,"maxStakeMinor":1,"liveDelaySeconds":0,"cashOutMargin":0.5,
                 "outcomeLiabilityCapMinor":1000000000000000},
                 "sports":{"100000":{"liveDelaySeconds":60,"cashOutMargin":0},"1":{}}}""").statusCode(200)
                .body("defaults.maxStakeMinor", equalTo(1))
                .body("defaults.outcomeLiabilityCapMinor", equalTo(1_000_000_000_000_000L))
                .body("sports.100000.liveDelaySeconds", equalTo(60));
    }

    private ValidatableResponse put(String body) {
        return given().contentType(ContentType.JSON).body(body).when().put(base).then();
    }

    private void reject(String body, String problemCode, String field) {
        put(body).statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo(problemCode))
                .body("errors.field", hasItem(field));
    }

    private JsonNode awaitPublished(long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> published.containsKey(version));
        return published.get(version);
    }

    private static long configVersion() {
        return given().when().get("/api/config/version").then().statusCode(200).extract().jsonPath().getLong("version");
    }

    private static void assertVersionUnchanged(long before) {
        given().when().get("/api/config/version").then().statusCode(200).body("version", equalTo((int) before));
    }
}
