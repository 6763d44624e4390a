package io.cellbet.controlplane.sportsbook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The market types the control plane serves from the project's market descriptions. */
@QuarkusTest
class MarketDescriptionResourceTest {

    @Test
    void listsEveryMarketTypeWithItsTemplates() {
        given().when().get("/api/market-descriptions").then().statusCode(200)
                .body("id", hasItems(1, 18, 29))
                .body("find { it.id == 18 }.name", equalTo("Total {total}"))
                .body("find { it.id == 18 }.specifiers", contains("total"))
                .body("find { it.id == 18 }.outcomes.name", contains("over {total}", "under {total}"));
    }

    @Test
    void servesOneMarketTypeWithOutcomesInIdOrder() {
        given().when().get("/api/market-descriptions/1").then().statusCode(200)
                .body("name", equalTo("1x2"))
                .body("specifiers", empty())
                .body("outcomes.id", contains("1", "2", "3"))
                .body("outcomes.name", contains("{$competitor1}", "draw", "{$competitor2}"));
    }

    @Test
    void answersAnUnknownOrMalformedIdWithAProblem() {
        given().when().get("/api/market-descriptions/99999").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("market-type-not-found"));
        given().when().get("/api/market-descriptions/abc").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("invalid-parameter"));
    }
}
