package io.cellbet.controlplane.sportsbook;

import static io.cellbet.controlplane.BrandFixtures.brandJson;
import static io.cellbet.controlplane.BrandFixtures.uniqueCode;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.SportsbookContent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.testsupport.broker.ExchangeTap;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The content manager over REST against the real database and broker: documents and single edits
 * stored at a new config version and announced on {@code platform.config}; every rule a named 400
 * problem; concurrent edits of one brand all kept.
 */
@QuarkusTest
class SportsbookContentResourceTest {

    @Inject
    ObjectMapper json;

    /** Config messages by version, as they arrive on {@code platform.config}. */
    private final Map<Long, JsonNode> published = new ConcurrentHashMap<>();
    private ExchangeTap tap;
    private String code;
    private String base;

    @BeforeEach
    void setUp() throws IOException {
        tap = ExchangeTap.open(TestInfrastructure.broker().url(), Exchanges.PLATFORM_CONFIG,
                List.of("config." + ConfigKinds.SPORTSBOOK_CONTENT + ".#"), message -> {
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
        base = "/api/brands/" + code + "/sportsbook-content";
    }

    @AfterEach
    void tearDown() throws IOException {
        tap.close();
    }

    @Test
    void servesNoOverridesForABrandNeverConfigured() {
        given().when().get(base).then().statusCode(200)
                .body("disabledSports", empty())
                .body("featuredEvents", empty())
                .body("configVersion", equalTo(0))
                .body("updatedAt", nullValue());
    }

    @Test
    void answersAnUnknownBrandWithNotFound() {
        given().when().get("/api/brands/NOSUCHBRAND/sportsbook-content").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("brand-not-found"));
        given().contentType(ContentType.JSON).body("{}").when().put("/api/brands/NOSUCHBRAND/sportsbook-content")
                .then().statusCode(404).body("code", equalTo("brand-not-found"));
        given().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .when().put("/api/brands/NOSUCHBRAND/sportsbook-content/sports/1")
                .then().statusCode(404).body("code", equalTo("brand-not-found"));
    }

    @Test
    void replacesTheWholeDocumentAtTheNextVersionAndAnnouncesIt() throws Exception {
        long before = configVersion();
        String document = """
                {"disabledSports":[5,2],"disabledEvents":["sr:match:7"],"disabledMarketTypes":[29],
                 "disabledMarkets":["sr:match:1/18/total=2.5","sr:match:1/1/"],"sportMargins":{"1":2.5,"2":-1.25},
                 "featuredEvents":["sr:match:9","sr:match:3"]}""";
        long version = given().contentType(ContentType.JSON).body(document).when().put(base)
                .then().statusCode(200)
                .body("disabledSports", contains(2, 5))
                .body("disabledMarkets", contains("sr:match:1/1/", "sr:match:1/18/total=2.5"))
                .body("sportMargins.1", equalTo(2.5f))
                .body("featuredEvents", contains("sr:match:9", "sr:match:3"))
                .body("configVersion", equalTo((int) before + 1))
                .extract().jsonPath().getLong("configVersion");
        given().when().get(base).then().statusCode(200)
                .body("disabledEvents", contains("sr:match:7"))
                .body("configVersion", equalTo((int) version));
        JsonNode change = awaitPublished(version);
        assertEquals(ConfigKinds.SPORTSBOOK_CONTENT, change.path("kind").asText());
        assertEquals(code, change.path("key").asText());
        SportsbookContent sent = json.treeToValue(change.path("value"), SportsbookContent.class);
        assertEquals(new BigDecimal("1.95"), sent.price(1, new BigDecimal("2.00")));
        assertEquals(List.of("sr:match:9", "sr:match:3"), sent.featuredEvents());
    }

    @Test
    void refusesAWholeDocumentWrittenOverAChangeItHasNotSeen() {
        long read = given().when().get(base).then().extract().jsonPath().getLong("configVersion");
        given().contentType(ContentType.JSON).body("{\"enabled\":false}").put(base + "/sports/1")
                .then().statusCode(200);
        long before = configVersion();
        given().contentType(ContentType.JSON).body("{\"disabledSports\":[2],\"configVersion\":" + read + "}")
                .when().put(base)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("content-version-mismatch"));
        assertVersionUnchanged(before);
        long current = given().when().get(base).then().extract().jsonPath().getLong("configVersion");
        given().contentType(ContentType.JSON).body("{\"disabledSports\":[2],\"configVersion\":" + current + "}")
                .when().put(base).then().statusCode(200).body("disabledSports", contains(2));
    }

    @Test
    void hidesASportAndSetsItsMarginThenShowsItAgain() throws Exception {
        long before = configVersion();
        long first = given().contentType(ContentType.JSON).body("{\"enabled\":false,\"marginPercent\":3.5}")
                .when().put(base + "/sports/21")
                .then().statusCode(200)
                .body("disabledSports", contains(21))
                .body("sportMargins.21", equalTo(3.5f))
                .body("configVersion", equalTo((int) before + 1))
                .extract().jsonPath().getLong("configVersion");
        awaitPublished(first);
        long second = given().contentType(ContentType.JSON).body("{\"enabled\":true,\"marginPercent\":null}")
                .when().put(base + "/sports/21")
                .then().statusCode(200)
                .body("disabledSports", empty())
                .body("sportMargins.21", nullValue())
                .extract().jsonPath().getLong("configVersion");
        assertEquals(first + 1, second);
        assertEquals("{}", awaitPublished(second).path("value").path("sportMargins").toString());
    }

    @Test
    void hidesAndFeaturesEvents() {
        given().contentType(ContentType.JSON).body("{\"enabled\":true,\"featured\":true}")
                .put(base + "/events/sr:match:11").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"enabled\":true,\"featured\":true}")
                .put(base + "/events/sr:match:12").then().statusCode(200)
                .body("featuredEvents", contains("sr:match:11", "sr:match:12"));
        given().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put(base + "/events/sr:match:11").then().statusCode(200)
                .body("disabledEvents", contains("sr:match:11"))
                .body("featuredEvents", contains("sr:match:11", "sr:match:12"));
        given().contentType(ContentType.JSON).body("{\"enabled\":true,\"featured\":false}")
                .put(base + "/events/sr:match:11").then().statusCode(200)
                .body("disabledEvents", empty())
                .body("featuredEvents", contains("sr:match:12"));
    }

    @Test
    void hidesMarketTypesAndSingleMarkets() {
        given().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put(base + "/market-types/29").then().statusCode(200).body("disabledMarketTypes", contains(29));
        given().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .queryParam("specifiers", "total=2.5")
                .put(base + "/markets/sr:match:1/18").then().statusCode(200)
                .body("disabledMarkets", contains("sr:match:1/18/total=2.5"));
        given().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put(base + "/markets/sr:match:1/1").then().statusCode(200)
                .body("disabledMarkets", contains("sr:match:1/1/", "sr:match:1/18/total=2.5"));
        given().contentType(ContentType.JSON).body("{\"enabled\":true}")
                .queryParam("specifiers", "total=2.5")
                .put(base + "/markets/sr:match:1/18").then().statusCode(200)
                .body("disabledMarkets", contains("sr:match:1/1/"));
    }

    @Test
    void anEditThatChangesNothingTakesNoNewVersion() {
        long version = given().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put(base + "/market-types/14").then().statusCode(200).extract().jsonPath().getLong("configVersion");
        long before = configVersion();
        given().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put(base + "/market-types/14").then().statusCode(200).body("configVersion", equalTo((int) version));
        assertVersionUnchanged(before);
    }

    @Test
    void keepsEveryOneOfManyConcurrentEdits() throws Exception {
        int edits = 24;
        long before = configVersion();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < edits; i++) {
                int sport = 100 + i;
                answers.add(pool.submit(() -> given().contentType(ContentType.JSON)
                        .body(sport % 2 == 0 ? "{\"enabled\":false}" : "{\"enabled\":true,\"marginPercent\":1.5}")
                        .put(base + "/sports/" + sport).then().extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        JsonNode stored = json.readTree(given().when().get(base).then().statusCode(200).extract().asString());
        List<Integer> disabled = new ArrayList<>();
        stored.path("disabledSports").forEach(node -> disabled.add(node.asInt()));
        assertEquals(IntStream.range(0, edits).map(i -> 100 + i).filter(s -> s % 2 == 0).boxed().toList(), disabled);
        assertEquals(edits / 2, stored.path("sportMargins").size());
        long version = stored.path("configVersion").asLong();
        // Other tests may write config meanwhile, so the version moved by at least one per edit.
        org.junit.jupiter.api.Assertions.assertTrue(version >= before + edits, "version " + version);
        assertEquals(stored.path("disabledSports"), awaitPublished(version).path("value").path("disabledSports"));
    }

    @Test
    void namesEachBrokenRuleWithItsOwnCode() {
        long before = configVersion();
        rejectDocument("{\"disabledSports\":[0]}", "invalid-sport-id", "disabledSports[0]");
        rejectDocument("{\"disabledSports\":[100001]}", "invalid-sport-id", "disabledSports[0]");
        rejectDocument("{\"disabledSports\":[null]}", "invalid-sport-id", "disabledSports[0]");
        rejectDocument("{\"sportMargins\":{\"abc\":1}}", "invalid-sport-id", "sportMargins.abc");
        rejectDocument("{\"disabledMarketTypes\":[1,-3]}", "invalid-market-type-id", "disabledMarketTypes[1]");
        rejectDocument("{\"disabledEvents\":[\"match:1\"]}", "invalid-event-id", "disabledEvents[0]");
        rejectDocument("{\"disabledEvents\":[\"SR:MATCH:1\"]}", "invalid-event-id", "disabledEvents[0]");
        rejectDocument("{\"featuredEvents\":[\"sr:match:x\"]}", "invalid-event-id", "featuredEvents[0]");
        rejectDocument("{\"disabledMarkets\":[\"sr:match:1/18\"]}", "invalid-market", "disabledMarkets[0]");
        rejectDocument("{\"disabledMarkets\":[\"sr:match:1/18/total\"]}", "invalid-market", "disabledMarkets[0]");
        rejectDocument("{\"disabledMarkets\":[\"sr:match:1/0/\"]}", "invalid-market", "disabledMarkets[0]");
        rejectDocument("{\"sportMargins\":{\"1\":25.01}}", "invalid-margin", "sportMargins.1");
        rejectDocument("{\"sportMargins\":{\"1\":-10.5}}", "invalid-margin", "sportMargins.1");
        rejectDocument("{\"sportMargins\":{\"1\":2.555}}", "invalid-margin", "sportMargins.1");
        rejectDocument("{\"featuredEvents\":[\"sr:match:1\",\"sr:match:1\"]}", "duplicate-featured-event",
                "featuredEvents[1]");
        rejectDocument("{\"featuredEvents\":[" + IntStream.range(0, 101).mapToObj(i -> "\"sr:match:" + i + "\"")
                .collect(Collectors.joining(",")) + "]}", "too-many-featured-events", "featuredEvents");
        rejectDocument("{\"disabledEvents\":[" + IntStream.range(0, 10_001).mapToObj(i -> "\"sr:match:" + i + "\"")
                .collect(Collectors.joining(",")) + "]}", "too-many-entries", "disabledEvents");
        rejectDocument("{\"disabledSport\":[1]}", "unknown-field", "disabledSport");
        rejectDocument("{\"disabledSports\":[1.5]}", "invalid-json", "disabledSports[0]");
        rejectDocument("{\"disabledSports\":\"1\"}", "invalid-json", "disabledSports");
        rejectDocument("null", "body-required", "");
        given().contentType(ContentType.JSON).body("{\"disabledSports\":[1,").when().put(base)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-json"));
        assertVersionUnchanged(before);
    }

    @Test
    void namesEachBrokenRuleOfTheSingleEdits() {
        long before = configVersion();
        reject(put("/sports/0", "{\"enabled\":false}"), "invalid-sport-id", "sportId");
        reject(put("/sports/abc", "{\"enabled\":false}"), "invalid-sport-id", "sportId");
        reject(put("/sports/1", "{\"enabled\":false,\"marginPercent\":30}"), "invalid-margin", "marginPercent");
        reject(put("/sports/1", "{\"marginPercent\":2}"), "missing-field", "enabled");
        reject(put("/sports/1", "{\"enabled\":false,\"margin\":2}"), "unknown-field", "margin");
        reject(put("/sports/1", ""), "body-required", "");
        reject(put("/events/sr-match-1", "{\"enabled\":false}"), "invalid-event-id", "eventId");
        reject(put("/events/sr:match:1", "{\"enabled\":false,\"featured\":true,\"top\":1}"), "unknown-field", "top");
        reject(put("/market-types/100001", "{\"enabled\":false}"), "invalid-market-type-id", "typeId");
        reject(given().contentType(ContentType.JSON).body("{\"enabled\":false}").queryParam("specifiers", "total")
                .when().put(base + "/markets/sr:match:1/18").then(), "invalid-specifiers", "specifiers");
        reject(given().contentType(ContentType.JSON).body("{\"enabled\":false}").queryParam("specifiers", "a=1||b=2")
                .when().put(base + "/markets/sr:match:1/18").then(), "invalid-specifiers", "specifiers");
        reject(put("/markets/sr:match:1/x", "{\"enabled\":false}"), "invalid-market-type-id", "typeId");
        reject(put("/markets/sr:match:1/1", "{\"enabled\":\"no\"}"), "invalid-json", "enabled");
        assertVersionUnchanged(before);
    }

    @Test
    void refusesAHundredAndFirstFeaturedEvent() {
        String hundred = "{\"featuredEvents\":[" + IntStream.range(0, 100).mapToObj(i -> "\"sr:match:" + i + "\"")
                .collect(Collectors.joining(",")) + "]}";
        given().contentType(ContentType.JSON).body(hundred).put(base).then().statusCode(200)
                .body("featuredEvents", hasSize(100));
        long before = configVersion();
        reject(put("/events/sr:match:1000", "{\"enabled\":true,\"featured\":true}"), "too-many-featured-events",
                "featuredEvents");
        assertVersionUnchanged(before);
        given().when().get(base).then().body("featuredEvents", not(hasItem("sr:match:1000")));
    }

    private ValidatableResponse put(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().put(base + path).then();
    }

    private void rejectDocument(String body, String problemCode, String field) {
        reject(put("", body), problemCode, field);
    }

    private static void reject(ValidatableResponse response, String problemCode, String field) {
        response.statusCode(400)
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
