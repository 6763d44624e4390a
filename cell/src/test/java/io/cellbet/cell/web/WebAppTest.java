package io.cellbet.cell.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.cell.sportsbook.PlatformFeed;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.contracts.feed.FeedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web app's shell as the cell serves it: the brand's theme and texts in the player's language, the route's data
 * for the script, a policy that keeps scripts to the cell's own, and plain 404 pages for what is not served. The
 * pages themselves are driven in a real browser by {@code WebAppIT} (ops).
 */
@QuarkusTest
class WebAppTest {

    private static final String BRAND = "WEBAPP";
    /** A brand whose name would break the page if it were not escaped, and whose players read German. */
    private static final String GERMAN = "WEBAPPDE";
    private static final Pattern BOOT = Pattern.compile(
            "<script type=\"application/json\" id=\"boot\">(.*?)</script>", Pattern.DOTALL);

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    @BeforeEach
    void brands() throws Exception {
        BrandConfig german = TestBrands.internal(GERMAN);
        new TestBrands(json, cellId).applyOnce(
                new BrandConfig(BRAND, "Web & App <Bet>", List.of("webapp.example"), List.of("EUR", "GBP"), "en",
                        List.of("sportsbook"), BrandConfig.WALLET_INTERNAL, null,
                        new BrandConfig.Theme("#123abc", "#fefefe", "https://webapp.example/logo.svg"))
                        .withEmbedding(new BrandConfig.Embedding("test-launch",
                                List.of("https://www.webapp.example", "http://127.0.0.1:9999"))),
                new BrandConfig(GERMAN, "</script><script>alert(1)</script>", german.domains(), german.currencies(),
                        "de-AT", german.products(), german.walletMode(), null, german.theme()));
    }

    @Test
    void servesTheBrandsShellWithItsThemeTextsAndSportsTree() throws Exception {
        Response page = given().when().get("/app/" + BRAND + "/live");
        page.then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy",
                        containsString("frame-ancestors 'self' https://www.webapp.example http://127.0.0.1:9999"))
                .header("Cache-Control", equalTo("no-cache"));
        String html = page.asString();
        assertThat(html, containsString("<title>Web &amp; App &lt;Bet&gt;</title>"));
        assertThat(html, containsString("--brand:#123abc;--brand-ink:#fefefe"));
        assertThat(html, containsString("src=\"https://webapp.example/logo.svg\""));
        assertThat(html, containsString("data-test=\"nav-signup\""));
        assertThat(html, containsString(">Sign up<"));
        assertThat(html, matchesPattern("(?s).*<script type=\"module\" src=\"/assets/app\\.js\\?v=[0-9a-f]{12}\"></script>.*"));
        JsonNode boot = boot(html);
        assertEquals(BRAND, boot.path("brand").path("code").asText());
        assertEquals("[\"EUR\",\"GBP\"]", boot.path("brand").path("currencies").toString());
        assertEquals("en", boot.path("language").asText());
        assertEquals("Place bet", boot.path("texts").path("slip.place").asText());
        assertFalse(boot.path("brand").has("seamlessWallet"), "no wallet endpoint reaches the browser");
        assertTrue(boot.path("sports").isArray());
    }

    @Test
    void speaksTheBrandsLanguageUnlessThePlayerChoseAnother() throws Exception {
        Response germanPage = given().when().get("/app/" + GERMAN + "/");
        germanPage.then().statusCode(200).header("Content-Security-Policy", org.hamcrest.Matchers.endsWith("frame-ancestors 'self'"));
        String german = germanPage.asString();
        assertThat(german, startsWith("<!doctype html><html lang=\"de\""));
        String signUp = boot(german).path("texts").path("nav.signup").asText();
        assertEquals(new WebTexts().of("de").get("nav.signup"), signUp);
        assertThat(signUp, not(equalTo("Sign up")));

        Response chosen = given().when().get("/app/" + GERMAN + "/?lang=en");
        chosen.then().statusCode(200).cookie(WebAppResource.LANGUAGE_COOKIE, "en");
        assertEquals("en", boot(chosen.asString()).path("language").asText());
        String remembered = given().cookie(WebAppResource.LANGUAGE_COOKIE, "en").when().get("/app/" + GERMAN + "/bets")
                .then().statusCode(200).extract().asString();
        assertEquals("en", boot(remembered).path("language").asText());
        String unknown = given().when().get("/app/" + GERMAN + "/?lang=xx").then().statusCode(200).extract().asString();
        assertEquals("de", boot(unknown).path("language").asText());
    }

    @Test
    void escapesTheBrandsNameInThePageAndInItsData() throws Exception {
        String html = given().when().get("/app/" + GERMAN + "/").then().statusCode(200).extract().asString();
        assertThat(html, not(containsString("<script>alert(1)</script>")));
        assertThat(html, containsString("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assertEquals("</script><script>alert(1)</script>", boot(html).path("brand").path("name").asText());
    }

    @Test
    void anEventPageCarriesTheEventSoTheScriptNeedsNoRoundTrip() throws Exception {
        String event = PlatformFeed.newEvent();
        try (PlatformFeed feed = PlatformFeed.open()) {
            feed.publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(event, 1, 1, 5000L, null,
                    new FeedEvent.EventStatus("live", 6, java.math.BigDecimal.ONE, java.math.BigDecimal.ZERO, "12:00"),
                    PlatformFeed.odds(event, 5000L, 1, "", "active", "2.40").markets()));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().when().get("/api/sportsbook/events/" + event).then().statusCode(200));
        String html = given().when().get("/app/" + BRAND + "/event/" + event).then().statusCode(200).extract().asString();
        JsonNode shown = boot(html).path("event");
        assertEquals(event, shown.path("id").asText());
        assertTrue(shown.path("live").asBoolean());
        assertEquals(0, shown.path("markets").get(0).path("outcomes").get(0).path("odds").decimalValue()
                .compareTo(new java.math.BigDecimal("2.40")));

        String missing = given().when().get("/app/" + BRAND + "/event/sr:match:999999999999").then().statusCode(200)
                .extract().asString();
        assertTrue(boot(missing).path("event").isNull(), "the script shows the event as not on offer");
    }

    @Test
    void answersPlain404PagesForWhatIsNotServed() {
        given().when().get("/app/NOSUCHBRAND/").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("not served here"));
        given().when().get("/app/lower/").then().statusCode(404);
        given().when().get("/app/" + BRAND + "/no-such-page").then().statusCode(404)
                .body(not(containsString("id=\"boot\"")));
        given().redirects().follow(false).when().get("/app/" + BRAND).then().statusCode(301)
                .header("Location", containsString("/app/" + BRAND + "/"));
    }

    @Test
    void aBrandsDomainLeadsToItsApp() {
        given().redirects().follow(false).header("Host", "webapp.example").when().get("/").then().statusCode(303)
                .header("Location", containsString("/app/" + BRAND + "/"));
        given().redirects().follow(false).header("Host", "nobody.example").when().get("/").then().statusCode(404);
    }

    @Test
    void servesTheAssetsCompressedWhenAsked() {
        Response script = given().header("Accept-Encoding", "gzip").when().get("/assets/app.js");
        script.then().statusCode(200).contentType(containsString("javascript")).header("Content-Encoding", "gzip");
        assertThat(script.asString(), containsString("performance.mark('cellbet-interactive')"));
        given().when().get("/assets/app.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    private JsonNode boot(String html) throws Exception {
        Matcher matcher = BOOT.matcher(html);
        assertTrue(matcher.find(), "the page carries its boot data");
        return json.readTree(matcher.group(1));
    }
}
