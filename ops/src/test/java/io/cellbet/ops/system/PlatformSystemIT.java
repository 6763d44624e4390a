package io.cellbet.ops.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.OpsLogin;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform as separate processes (control plane and two cells, each with its own
 * database) on the real broker: config made centrally reaches every cell, survives a cell's
 * absence, and keeps being served when the control plane is gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformSystemIT {

    private static final Duration PROPAGATION_MAX = Duration.ofSeconds(30);
    private static LocalPlatform platform;
    private static String consoleToken;

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatform.builder()
                .infrastructure(TestInfrastructure.postgres(), TestInfrastructure.broker())
                .ephemeralPorts()
                .databasePrefix("cellbet_it")
                .freshDatabases(true)
                .workDir(Path.of("target", "system-it"))
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_CONTROL_PLANE_CELL_DOWN_AFTER", "6s")
                // Well inside the 6 s: new players are routed only to cells that are up.
                .environment("cell-1", "CELLBET_CELL_HEARTBEAT_INTERVAL", "2s")
                .environment("cell-2", "CELLBET_CELL_HEARTBEAT_INTERVAL", "2s")
                .start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void brandCreatedCentrallyIsServedByEveryCell() {
        asOps().body(brand("ACME", "Acme Bet"))
                .when().post(controlPlane("/api/brands"))
                .then().statusCode(201);
        for (AppProcess cell : platform.cells()) {
            await().atMost(PROPAGATION_MAX).untilAsserted(() ->
                    given().when().get(cell.uri("/api/config/brands/ACME"))
                            .then().statusCode(200)
                            .body("name", equalTo("Acme Bet"))
                            .body("currencies", equalTo(List.of("EUR", "GBP"))));
        }
        await().atMost(PROPAGATION_MAX).untilAsserted(() ->
                given().when().get(controlPlane("/api/cells"))
                        .then().statusCode(200)
                        .body("find { it.id == 'cell-1' }.status", equalTo("up"))
                        .body("find { it.id == 'cell-2' }.status", equalTo("up")));
    }

    @Test
    @Order(2)
    void stoppedCellCatchesUpWhenItStarts() {
        asOps().body(brand("LATE", "Late v1")).post(controlPlane("/api/brands"))
                .then().statusCode(201);
        AppProcess cell2 = platform.cell("cell-2");
        awaitCellAtControlPlaneVersion(cell2);
        cell2.stop();

        asOps().body(brand("LATE", "Late v2")).put(controlPlane("/api/brands/LATE"))
                .then().statusCode(200);
        asOps().body(brand("LATE", "Late v3")).put(controlPlane("/api/brands/LATE"))
                .then().statusCode(200);
        AppProcess cell1 = platform.cell("cell-1");
        awaitCellAtControlPlaneVersion(cell1);

        cell2.start();
        awaitCellAtControlPlaneVersion(cell2);
        given().when().get(cell2.uri("/api/config/brands/LATE")).then().statusCode(200).body("name", equalTo("Late v3"));
    }

    @Test
    @Order(3)
    void cellsKeepServingTheLastConfigWithTheControlPlaneDown() {
        asOps().body(brand("ACME", "Acme Final")).put(controlPlane("/api/brands/ACME"))
                .then().statusCode(200);
        long version = controlPlaneVersion();
        for (AppProcess cell : platform.cells()) {
            awaitCellAtControlPlaneVersion(cell);
        }
        platform.controlPlane().stop();

        for (AppProcess cell : platform.cells()) {
            given().when().get(cell.uri("/api/config/brands/ACME"))
                    .then().statusCode(200).body("name", equalTo("Acme Final"));
            given().when().get(cell.uri("/api/config/version")).then().body("version", equalTo((int) version));
        }
        // A cell restarted while the control plane is away serves the config it persisted.
        AppProcess cell1 = platform.cell("cell-1");
        cell1.stop();
        cell1.start();
        given().when().get(cell1.uri("/api/config/brands/ACME"))
                .then().statusCode(200).body("name", equalTo("Acme Final"));
        given().when().get(cell1.uri("/api/config/version")).then().body("version", equalTo((int) version));

        platform.controlPlane().start();
        asOps().body(brand("ACME", "Acme Back")).put(controlPlane("/api/brands/ACME"))
                .then().statusCode(200);
        for (AppProcess cell : platform.cells()) {
            await().atMost(PROPAGATION_MAX).untilAsserted(() ->
                    given().when().get(cell.uri("/api/config/brands/ACME")).then().body("name", equalTo("Acme Back")));
        }
    }

    @Test
    @Order(4)
    void cellsFollowTheControlPlaneBackToARestoredBackup() throws Exception {
        AppProcess controlPlane = platform.controlPlane();
        String database = platform.database(LocalPlatform.CONTROL_PLANE);
        String backup = database + "_backup";
        String nameAtBackup = given().when().get(controlPlane("/api/brands/ACME")).then().statusCode(200)
                .extract().jsonPath().getString("name");
        controlPlane.stop();
        sql("DROP DATABASE IF EXISTS " + backup);
        sql("CREATE DATABASE " + backup + " TEMPLATE " + database);
        controlPlane.start();

        // Changes after the backup: the cells apply them, then the control plane loses them.
        asOps().body(brand("ACME", "Acme After Backup")).put(controlPlane("/api/brands/ACME"))
                .then().statusCode(200);
        asOps().body(brand("GONE", "Lost in the restore")).post(controlPlane("/api/brands"))
                .then().statusCode(201);
        for (AppProcess cell : platform.cells()) {
            awaitCellAtControlPlaneVersion(cell);
        }
        controlPlane.stop();
        sql("DROP DATABASE " + database);
        sql("CREATE DATABASE " + database + " TEMPLATE " + backup);
        sql("DROP DATABASE " + backup);
        controlPlane.start();

        // The cells' heartbeats show versions the restored store never reached: it renews itself
        // and every cell replaces its config with the restored one.
        for (AppProcess cell : platform.cells()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                io.restassured.path.json.JsonPath central = given().when().get(controlPlane("/api/config/version"))
                        .then().statusCode(200).extract().jsonPath();
                given().when().get(cell.uri("/api/config/version")).then()
                        .body("storeId", equalTo(central.getString("storeId")))
                        .body("version", equalTo(central.getInt("version")));
                given().when().get(cell.uri("/api/config/brands/ACME")).then().body("name", equalTo(nameAtBackup));
                given().when().get(cell.uri("/api/config/brands/GONE")).then().statusCode(404);
            });
        }
    }

    @Test
    @Order(5)
    void replicasOfACellApplyEachChangeOnceAndServeNoStaleBrand() {
        AppProcess cell1 = platform.cell("cell-1");
        AppProcess replica = platform.startReplica("cell-1");
        List<AppProcess> replicas = List.of(cell1, replica);
        for (AppProcess each : replicas) {
            // Both caches now hold the brand: each must learn of changes the other one applied.
            given().when().get(each.uri("/api/config/brands/ACME")).then().statusCode(200);
        }
        long before = controlPlaneVersion();
        int changes = 10;
        for (int i = 1; i <= changes; i++) {
            String name = "Replicated " + i;
            asOps().body(brand("ACME", name))
                    .put(controlPlane("/api/brands/ACME")).then().statusCode(200);
            // Read through both replicas at every step, so each caches what it served; whichever
            // replica applies the next change, the other must drop its cached copy.
            for (AppProcess each : replicas) {
                await().atMost(PROPAGATION_MAX).untilAsserted(() ->
                        given().when().get(each.uri("/api/config/brands/ACME")).then().body("name", equalTo(name)));
            }
        }
        List<Integer> applied = given().when().get(replica.uri("/api/config/applied?afterVersion=" + before))
                .then().statusCode(200).extract().jsonPath().getList("items.version", Integer.class);
        List<Integer> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= changes; i++) {
            expected.add((int) before + i);
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected, applied, "each version applied once, in order");
    }

    @Test
    @Order(6)
    void aPlayersTokenWorksOnEveryReplicaOfItsCellAndOnNoOtherCell() {
        AppProcess cell1 = platform.cell("cell-1");
        AppProcess cell2 = platform.cell("cell-2");
        String email = "kickoff-" + java.util.UUID.randomUUID() + "@example.com";
        String password = "Correct-Horse-42";
        String playerId = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "dateOfBirth", "1990-04-23", "country", "GB",
                        "currency", "GBP"))
                .when().post(cell1.uri("/api/brands/ACME/players")).then().statusCode(201)
                .extract().jsonPath().getString("id");
        String token = given().contentType(ContentType.JSON).body(Map.of("login", email, "password", password))
                .when().post(cell1.uri("/api/brands/ACME/login")).then().statusCode(200)
                .extract().jsonPath().getString("accessToken");

        given().header("Authorization", "Bearer " + token).when().get(cell1.uri("/api/brands/ACME/players/me"))
                .then().statusCode(200).body("id", equalTo(playerId));
        // Another replica of the same cell signs and verifies with the key in the cell's database.
        AppProcess replica = platform.startReplica("cell-1");
        try {
            given().header("Authorization", "Bearer " + token).when().get(replica.uri("/api/brands/ACME/players/me"))
                    .then().statusCode(200).body("id", equalTo(playerId));
        } finally {
            replica.stop();
        }
        // Cell 2 serves the same brand, but the player and the token are cell 1's.
        given().header("Authorization", "Bearer " + token).when().get(cell2.uri("/api/brands/ACME/players/me"))
                .then().statusCode(401).body("code", equalTo("INVALID_TOKEN"));
        given().contentType(ContentType.JSON).body(Map.of("login", email, "password", password))
                .when().post(cell2.uri("/api/brands/ACME/login")).then().statusCode(401)
                .body("code", equalTo("INVALID_CREDENTIALS"));
    }

    @Test
    @Order(7)
    void newPlayersAreSpreadOverOpenCellsAndTheDirectoryFindsEachOne() {
        List<String> brands = List.of("ALPHA", "BRAVO");
        for (String code : brands) {
            asOps().body(brand(code, code + " Bet")).post(controlPlane("/api/brands"))
                    .then().statusCode(201);
        }
        for (AppProcess cell : platform.cells()) {
            awaitCellAtControlPlaneVersion(cell);
            given().header("Authorization", "Bearer " + OpsLogin.token(platform)).contentType(ContentType.JSON)
                    .body(Map.of("weight", 1, "closedToNewPlayers", false))
                    .put(controlPlane("/api/cells/" + cell.name() + "/routing")).then().statusCode(200);
        }
        Map<String, String> cellOfPlayer = new java.util.LinkedHashMap<>();
        Map<String, String> loginOfPlayer = new java.util.LinkedHashMap<>();
        Map<String, Integer> perCell = new java.util.TreeMap<>();
        for (int i = 0; i < 8; i++) {
            String code = brands.get(i % 2);
            String cell = registerRouted(code, cellOfPlayer, loginOfPlayer);
            perCell.merge(cell, 1, Integer::sum);
        }
        org.junit.jupiter.api.Assertions.assertEquals(Map.of("cell-1", 4, "cell-2", 4), perCell,
                "equal weights share new players equally");

        given().header("Authorization", "Bearer " + OpsLogin.token(platform)).contentType(ContentType.JSON)
                .body(Map.of("weight", 1, "closedToNewPlayers", true))
                .put(controlPlane("/api/cells/cell-2/routing")).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            org.junit.jupiter.api.Assertions.assertEquals("cell-1",
                    registerRouted(brands.get(i % 2), cellOfPlayer, loginOfPlayer), "a closed cell gets no one");
        }
        given().header("Authorization", "Bearer " + OpsLogin.token(platform)).contentType(ContentType.JSON)
                .body(Map.of("weight", 1, "closedToNewPlayers", false))
                .put(controlPlane("/api/cells/cell-2/routing")).then().statusCode(200);

        await().atMost(PROPAGATION_MAX).untilAsserted(() -> {
            for (Map.Entry<String, String> player : cellOfPlayer.entrySet()) {
                given().when().get(controlPlane("/api/players/" + player.getKey())).then().statusCode(200)
                        .body("cellId", equalTo(player.getValue()));
            }
        });
        for (Map.Entry<String, String> player : loginOfPlayer.entrySet()) {
            String[] brandAndLogin = player.getValue().split(" ", 2);
            given().queryParam("brand", brandAndLogin[0]).queryParam("login", brandAndLogin[1].toUpperCase())
                    .when().get(controlPlane("/api/players/resolve")).then().statusCode(200)
                    .body("playerId", equalTo(player.getKey()))
                    .body("cellId", equalTo(cellOfPlayer.get(player.getKey())))
                    .body("baseUrl", equalTo(platform.cell(cellOfPlayer.get(player.getKey())).baseUrl()));
        }
    }

    @Test
    @Order(8)
    void aSelfExclusionInOneBrandBlocksThePersonInAnotherBrandsCell() {
        String email = "excluded-" + java.util.UUID.randomUUID() + "@example.com";
        String alphaToken = registerAndLogIn(platform.cell("cell-1"), "ALPHA", email);
        String bravoToken = registerAndLogIn(platform.cell("cell-2"), "BRAVO", email);

        given().header("Authorization", "Bearer " + alphaToken).contentType(ContentType.JSON)
                .body(Map.of("period", "5y")).when()
                .post(platform.cell("cell-1").uri("/api/brands/ALPHA/players/me/self-exclusion")).then().statusCode(200);

        // cell-1 announces it, the control plane finds the same person in cell-2, cell-2 applies it.
        await().atMost(PROPAGATION_MAX).untilAsserted(() ->
                given().header("Authorization", "Bearer " + bravoToken).when()
                        .get(platform.cell("cell-2").uri("/api/brands/BRAVO/players/me")).then().statusCode(200)
                        .body("excludedUntil", org.hamcrest.Matchers.notNullValue()));
    }

    @Test
    @Order(9)
    void opsFindSuspendAndAuditAPlayerOfAnyCellThroughTheControlPlane() {
        String email = "suspect-" + java.util.UUID.randomUUID() + "@example.com";
        registerAndLogIn(platform.cell("cell-2"), "BRAVO", email);
        String playerId = await().atMost(PROPAGATION_MAX).until(() -> given().queryParam("brand", "BRAVO")
                .queryParam("login", email).when().get(controlPlane("/api/players/resolve")).then().extract(),
                answer -> answer.statusCode() == 200).jsonPath().getString("playerId");
        String opsToken = OpsLogin.token(platform);
        given().header("Authorization", "Bearer " + opsToken).when()
                .get(controlPlane("/api/players/" + playerId + "/profile")).then().statusCode(200)
                .body("email", equalTo(email)).body("status", equalTo("active"));
        // The cell's own ops endpoint answers only ops tokens of the control plane; the control plane uses its own.
        AppProcess cell2 = platform.cell("cell-2");
        given().when().get(cell2.uri("/api/accounts/players/" + playerId)).then().statusCode(401)
                .body("code", equalTo("OPS_TOKEN_REQUIRED"));
        given().header("Authorization", "Bearer " + opsToken).when()
                .get(cell2.uri("/api/accounts/players/" + playerId)).then().statusCode(200).body("email", equalTo(email));

        given().header("Authorization", "Bearer " + opsToken).contentType(ContentType.JSON)
                .body(Map.of("status", "suspended", "reason", "fraud review"))
                .when().post(controlPlane("/api/players/" + playerId + "/status")).then().statusCode(202);
        await().atMost(PROPAGATION_MAX).untilAsserted(() -> given().contentType(ContentType.JSON)
                .body(Map.of("login", email, "password", "Correct-Horse-42"))
                .when().post(platform.cell("cell-2").uri("/api/brands/BRAVO/login")).then().statusCode(403)
                .body("code", equalTo("ACCOUNT_SUSPENDED")));
        given().header("Authorization", "Bearer " + opsToken).when()
                .get(controlPlane("/api/players/" + playerId + "/audit?limit=1")).then().statusCode(200)
                .body("records[0].action", equalTo("suspended"))
                .body("records[0].actor", equalTo("ops:admin"))
                .body("records[0].reason", equalTo("fraud review"));
    }

    private static String registerAndLogIn(AppProcess cell, String brand, String email) {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "Correct-Horse-42", "dateOfBirth", "1985-02-11",
                        "country", "DE", "currency", "EUR"))
                .when().post(cell.uri("/api/brands/" + brand + "/players")).then().statusCode(201);
        return given().contentType(ContentType.JSON).body(Map.of("login", email, "password", "Correct-Horse-42"))
                .when().post(cell.uri("/api/brands/" + brand + "/login")).then().statusCode(200)
                .extract().jsonPath().getString("accessToken");
    }

    /** Asks the control plane where a new player goes, registers the player there, and answers the cell. */
    private static String registerRouted(String brand, Map<String, String> cellOfPlayer,
            Map<String, String> loginOfPlayer) {
        String cellId = given().contentType(ContentType.JSON).body(Map.of("brand", brand))
                .when().post(controlPlane("/api/players/route")).then().statusCode(200)
                .extract().jsonPath().getString("cellId");
        String email = "routed-" + java.util.UUID.randomUUID() + "@example.com";
        String playerId = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "Correct-Horse-42", "dateOfBirth", "1990-04-23",
                        "country", "DE", "currency", "EUR"))
                .when().post(platform.cell(cellId).uri("/api/brands/" + brand + "/players")).then().statusCode(201)
                .extract().jsonPath().getString("id");
        cellOfPlayer.put(playerId, cellId);
        loginOfPlayer.put(playerId, brand + " " + email);
        return cellId;
    }

    private static void sql(String statement) throws Exception {
        var postgres = platform.postgres();
        try (var connection = java.sql.DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); var update = connection.createStatement()) {
            update.execute(statement);
        }
    }

    private static void awaitCellAtControlPlaneVersion(AppProcess cell) {
        long version = controlPlaneVersion();
        await().atMost(PROPAGATION_MAX).untilAsserted(() ->
                given().when().get(cell.uri("/api/config/version")).then().body("version", equalTo((int) version)));
    }

    private static long controlPlaneVersion() {
        return given().when().get(controlPlane("/api/config/version")).then().statusCode(200)
                .extract().jsonPath().getLong("version");
    }

    private static java.net.URI controlPlane(String path) {
        return platform.controlPlane().uri(path);
    }

    /** A request with an ops token, as console changes need (fetched once per platform start). */
    private static io.restassured.specification.RequestSpecification asOps() {
        if (consoleToken == null) {
            consoleToken = OpsLogin.token(platform);
        }
        return given().header("Authorization", "Bearer " + consoleToken).contentType(ContentType.JSON);
    }

    private static String brand(String code, String name) {
        return """
                {"code":"%s","name":"%s","domains":["%s.example"],"currencies":["EUR","GBP"],"defaultLocale":"en",
                 "products":["sportsbook","casino"],"walletMode":"internal",
                 "theme":{"primaryColour":"#0a7d32","secondaryColour":"#ffffff"}}"""
                .formatted(code, name, code.toLowerCase());
    }
}
