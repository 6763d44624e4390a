package io.cellbet.ops.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatform.builder()
                .infrastructure(TestInfrastructure.postgres(), TestInfrastructure.broker())
                .ephemeralPorts()
                .databasePrefix("cellbet_it")
                .freshDatabases(true)
                .workDir(Path.of("target", "system-it"))
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_CONTROL_PLANE_CELL_DOWN_AFTER", "6s")
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
        given().contentType(ContentType.JSON).body(brand("ACME", "Acme Bet"))
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
        given().contentType(ContentType.JSON).body(brand("LATE", "Late v1")).post(controlPlane("/api/brands"))
                .then().statusCode(201);
        AppProcess cell2 = platform.cell("cell-2");
        awaitCellAtControlPlaneVersion(cell2);
        cell2.stop();

        given().contentType(ContentType.JSON).body(brand("LATE", "Late v2")).put(controlPlane("/api/brands/LATE"))
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(brand("LATE", "Late v3")).put(controlPlane("/api/brands/LATE"))
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
        given().contentType(ContentType.JSON).body(brand("ACME", "Acme Final")).put(controlPlane("/api/brands/ACME"))
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
        given().contentType(ContentType.JSON).body(brand("ACME", "Acme Back")).put(controlPlane("/api/brands/ACME"))
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
        given().contentType(ContentType.JSON).body(brand("ACME", "Acme After Backup")).put(controlPlane("/api/brands/ACME"))
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(brand("GONE", "Lost in the restore")).post(controlPlane("/api/brands"))
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
            given().contentType(ContentType.JSON).body(brand("ACME", name))
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

    private static String brand(String code, String name) {
        return """
                {"code":"%s","name":"%s","domains":["%s.example"],"currencies":["EUR","GBP"],"defaultLocale":"en",
                 "products":["sportsbook","casino"],"walletMode":"internal",
                 "theme":{"primaryColour":"#0a7d32","secondaryColour":"#ffffff"}}"""
                .formatted(code, name, code.toLowerCase());
    }
}
