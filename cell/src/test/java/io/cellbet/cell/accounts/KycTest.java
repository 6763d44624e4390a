package io.cellbet.cell.accounts;

import static io.cellbet.cell.accounts.PlayerFixtures.application;
import static io.cellbet.cell.accounts.PlayerFixtures.registerAndLogIn;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.accounts.api.AccountsApi;
import io.cellbet.accounts.api.PlayerDecision;
import io.cellbet.accounts.api.PlayerRestriction;
import io.cellbet.cell.KycSimulatorListener;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Identity checks with the KYC provider simulator over HTTP, and the brands' KYC gates. */
@QuarkusTest
class KycTest {

    static final String PLAY_GATED = "ACCOUNTS_KYC_PLAY";
    static final String DEPOSIT_GATED = "ACCOUNTS_KYC_DEP";

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @Inject
    AccountsApi accounts;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    @BeforeEach
    void brands() throws Exception {
        new TestBrands(json, cellId).applyOnce(TestBrands.gated(PLAY_GATED, BrandConfig.KYC_BEFORE_PLAY),
                TestBrands.gated(DEPOSIT_GATED, BrandConfig.KYC_BEFORE_DEPOSIT));
    }

    @AfterEach
    void providerBack() {
        admin("/admin/unavailable?on=false");
        admin("/admin/decision-delay?ms=0");
    }

    @Test
    void aVerifiedPlayerPassesTheGateOfTheirBrand() {
        PlayerFixtures.LoggedIn player = registerAndLogIn(PLAY_GATED, application());
        UUID id = UUID.fromString(player.id());
        assertRefused(accounts.mayDeposit(id, 100), PlayerRestriction.KYC_REQUIRED);
        assertRefused(accounts.mayStake(id, 100), PlayerRestriction.KYC_REQUIRED);

        admin("/admin/decision-delay?ms=1000");
        submit(PLAY_GATED, player, "passport", "P1234567").then().statusCode(202)
                .body("kycStatus", equalTo("pending"));
        assertRefused(accounts.mayDeposit(id, 100), PlayerRestriction.KYC_REQUIRED);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> status(PLAY_GATED, player).then()
                .body("kycStatus", equalTo("verified")).body("latestCheck.status", equalTo("approved")));
        assertTrue(accounts.mayDeposit(id, 100).allowed());
        assertTrue(accounts.mayStake(id, 100).allowed());
        submit(PLAY_GATED, player, "passport", "P1234567").then().statusCode(409)
                .body("code", equalTo("KYC_ALREADY_VERIFIED"));
        assertEquals(List.of("kyc-pending by " + player.id(), "kyc-verified by kyc-provider"), kycAudit(player.id()));
    }

    @Test
    void aDepositGateLeavesStakingOpenAndARejectionIsRecorded() {
        PlayerFixtures.LoggedIn player = registerAndLogIn(DEPOSIT_GATED, application());
        UUID id = UUID.fromString(player.id());
        assertRefused(accounts.mayDeposit(id, 100), PlayerRestriction.KYC_REQUIRED);
        assertTrue(accounts.mayStake(id, 100).allowed());

        submit(DEPOSIT_GATED, player, "id_card", "REJECT-42").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> status(DEPOSIT_GATED, player).then()
                .body("kycStatus", equalTo("rejected")).body("latestCheck.reason", equalTo("document not genuine")));
        assertRefused(accounts.mayDeposit(id, 100), PlayerRestriction.KYC_REQUIRED);
    }

    @Test
    void aCheckSentWhileTheProviderIsDownIsSentAgainUntilItArrives() {
        PlayerFixtures.LoggedIn player = registerAndLogIn(PLAY_GATED, application());
        admin("/admin/unavailable?on=true");
        submit(PLAY_GATED, player, "driving_licence", "D-998877").then().statusCode(202);
        status(PLAY_GATED, player).then().body("kycStatus", equalTo("pending"))
                .body("latestCheck.status", equalTo("submitting"));
        submit(PLAY_GATED, player, "driving_licence", "D-998877").then().statusCode(409)
                .body("code", equalTo("KYC_CHECK_OPEN"));
        admin("/admin/unavailable?on=false");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> status(PLAY_GATED, player).then()
                .body("kycStatus", equalTo("verified")));
    }

    @Test
    void namesInvalidDocuments() {
        PlayerFixtures.LoggedIn player = registerAndLogIn(PLAY_GATED, application());
        given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("documentType", "library_card", "documentNumber", "x"))
                .when().post("/api/brands/" + PLAY_GATED + "/players/me/kyc").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("fullName", "documentType", "documentNumber"));
        status(PLAY_GATED, player).then().body("kycStatus", equalTo("unverified"));
    }

    private static Response submit(String brand, PlayerFixtures.LoggedIn player, String type, String number) {
        return given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("fullName", "Ann Example", "documentType", type, "documentNumber", number))
                .when().post("/api/brands/" + brand + "/players/me/kyc");
    }

    private static Response status(String brand, PlayerFixtures.LoggedIn player) {
        return given().header("Authorization", "Bearer " + player.accessToken()).when()
                .get("/api/brands/" + brand + "/players/me/kyc");
    }

    private static void admin(String path) {
        given().when().post(System.getProperty(KycSimulatorListener.URL_PROPERTY) + path).then().statusCode(200);
    }

    private List<String> kycAudit(String playerId) {
        return sql.list("SELECT action || ' by ' || actor FROM accounts.audit WHERE player_id = ?::uuid "
                + "AND action LIKE 'kyc-%' ORDER BY id", row -> row.getString(1), playerId);
    }

    private static void assertRefused(PlayerDecision decision, PlayerRestriction reason) {
        assertEquals(reason, decision.reason(), decision.detail());
    }
}
