package io.cellbet.controlplane.brands.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import static io.cellbet.controlplane.BrandFixtures.brandJson;
import static io.cellbet.controlplane.BrandFixtures.uniqueCode;

import io.cellbet.platform.persistence.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BrandResourceTest {

    @Inject
    Sql sql;

    static long configVersion() {
        return given().when().get("/api/config/version").then().statusCode(200).extract().jsonPath().getLong("version");
    }

    @Test
    void createsABrandAndPublishesItAtTheNextConfigVersion() {
        String code = uniqueCode();
        long before = configVersion();
        given().contentType(ContentType.JSON).body(brandJson(code, code.toLowerCase() + ".example", "EUR"))
                .when().post("/api/brands")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("code", equalTo(code))
                .body("currencies", hasItem("EUR"))
                .body("walletMode", equalTo("internal"))
                .body("theme.primaryColour", equalTo("#0a7d32"))
                .body("configVersion", equalTo((int) before + 1));
        given().when().get("/api/brands/" + code).then().statusCode(200).body("name", equalTo("Acme Bet"));
        given().when().get("/api/config/snapshot").then().statusCode(200)
                .body("version", equalTo((int) before + 1))
                .body("entries.key", hasItem(code));
    }

    @Test
    void stampsTheRequestsCorrelationIdOnTheConfigMessage() {
        String code = uniqueCode();
        String correlationId = "ops-console-" + code;
        given().contentType(ContentType.JSON).header("X-Correlation-Id", correlationId)
                .body(brandJson(code, code.toLowerCase() + ".example", "EUR"))
                .when().post("/api/brands")
                .then().statusCode(201)
                .header("X-Correlation-Id", correlationId);
        String stamped = sql.one("SELECT correlation_id FROM messaging.outbox WHERE routing_key = ?",
                rs -> rs.getString(1), "config.brand." + code).orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals(correlationId, stamped);
        given().when().get("/api/brands/" + code).then().header("X-Correlation-Id", notNullValue());
    }

    @Test
    void updatesABrandAtANewVersion() {
        String code = uniqueCode();
        String domain = code.toLowerCase() + ".example";
        given().contentType(ContentType.JSON).body(brandJson(code, domain, "EUR")).post("/api/brands")
                .then().statusCode(201);
        long before = configVersion();
        given().contentType(ContentType.JSON).body(brandJson(code, domain, "GBP").replace("Acme Bet", "Acme Sport"))
                .when().put("/api/brands/" + code)
                .then().statusCode(200)
                .body("name", equalTo("Acme Sport"))
                .body("currencies", hasItem("GBP"))
                .body("configVersion", equalTo((int) before + 1));
    }

    @Test
    void answersMalformedJsonWithAProblem() {
        long before = configVersion();
        given().contentType(ContentType.JSON).body("{\"code\":\"ACME\",")
                .when().post("/api/brands")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("malformed-json"))
                .body("status", equalTo(400));
        assertVersionUnchanged(before);
    }

    @Test
    void namesAFieldOfTheWrongType() {
        given().contentType(ContentType.JSON).body("{\"code\":\"ACME\",\"currencies\":\"EUR\"}")
                .when().post("/api/brands")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid-json"))
                .body("errors.field", hasItem("currencies"));
    }

    @Test
    void namesEveryMissingField() {
        given().contentType(ContentType.JSON).body("{\"code\":\"" + uniqueCode() + "\"}")
                .when().post("/api/brands")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid-brand"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("currencies"))
                .body("errors.field", hasItem("theme"));
    }

    @Test
    void rejectsAnUnknownCurrencyWithoutWritingAnything() {
        String code = uniqueCode();
        long before = configVersion();
        given().contentType(ContentType.JSON).body(brandJson(code, code.toLowerCase() + ".example", "XBT"))
                .when().post("/api/brands")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("currencies[0]"))
                .body("errors[0].message", notNullValue());
        given().when().get("/api/brands/" + code).then().statusCode(404);
        assertVersionUnchanged(before);
    }

    @Test
    void rejectsADuplicateCodeWithConflict() {
        String code = uniqueCode();
        given().contentType(ContentType.JSON).body(brandJson(code, code.toLowerCase() + ".example", "EUR"))
                .post("/api/brands").then().statusCode(201);
        long before = configVersion();
        given().contentType(ContentType.JSON).body(brandJson(code, "other-" + code.toLowerCase() + ".example", "EUR"))
                .when().post("/api/brands")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("brand-code-taken"))
                .body("errors.field", hasItem("code"));
        assertVersionUnchanged(before);
    }

    @Test
    void rejectsADomainOfAnotherBrandWithoutAPartialWrite() {
        String first = uniqueCode();
        String domain = first.toLowerCase() + ".example";
        given().contentType(ContentType.JSON).body(brandJson(first, domain, "EUR")).post("/api/brands")
                .then().statusCode(201);
        String second = uniqueCode();
        long before = configVersion();
        given().contentType(ContentType.JSON).body(brandJson(second, domain, "EUR"))
                .when().post("/api/brands")
                .then().statusCode(409)
                .body("code", equalTo("brand-domain-taken"))
                .body("errors.field", hasItem("domains[0]"));
        given().when().get("/api/brands/" + second).then().statusCode(404);
        given().when().get("/api/brands").then().statusCode(200).body("code", not(hasItem(second)));
        assertVersionUnchanged(before);
    }

    @Test
    void answersAnUnknownBrandWithNotFound() {
        given().when().get("/api/brands/NOSUCHBRAND")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("brand-not-found"));
        given().contentType(ContentType.JSON).body(brandJson("NOSUCHBRAND", "nosuch.example", "EUR"))
                .when().put("/api/brands/NOSUCHBRAND")
                .then().statusCode(404)
                .body("code", equalTo("brand-not-found"));
    }

    @Test
    void refusesToChangeABrandsCode() {
        String code = uniqueCode();
        given().contentType(ContentType.JSON).body(brandJson(code, code.toLowerCase() + ".example", "EUR"))
                .post("/api/brands").then().statusCode(201);
        given().contentType(ContentType.JSON).body(brandJson("OTHER", code.toLowerCase() + ".example", "EUR"))
                .when().put("/api/brands/" + code)
                .then().statusCode(400)
                .body("code", equalTo("brand-code-mismatch"))
                .body("errors.field", hasItem("code"));
    }

    @Test
    void answersABadLimitAndAnUnknownVersionWithProblems() {
        given().when().get("/api/brands?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().when().get("/api/brands?limit=abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid-parameter"))
                .body("errors.field", hasItem("limit"));
        given().when().get("/api/config/changes?afterVersion=-1").then().statusCode(400)
                .body("errors.field", hasItem("afterVersion"));
        given().when().get("/api/config/snapshot?version=999999999").then().statusCode(404)
                .body("code", equalTo("config-version-unknown"));
    }

    private static void assertVersionUnchanged(long before) {
        given().when().get("/api/config/version").then().statusCode(200).body("version", equalTo((int) before));
    }
}
