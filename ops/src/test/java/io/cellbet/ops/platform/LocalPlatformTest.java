package io.cellbet.ops.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.localinfra.BrokerEndpoint;
import io.cellbet.localinfra.PostgresEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts and stops platforms made of {@link FakeApp} processes, so no real app or database is needed. */
class LocalPlatformTest {

    private static final PostgresEndpoint UNUSED_POSTGRES = new PostgresEndpoint("127.0.0.1", 5432, "postgres", "");
    private static final BrokerEndpoint UNUSED_BROKER =
            new BrokerEndpoint("127.0.0.1", 5672, "guest", "guest", "/", false);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path workDir;

    @Test
    void startsEveryAppOnItsOwnEphemeralPortUntilReady() throws Exception {
        try (LocalPlatform platform = fakePlatform().cells(2).start()) {
            List<AppProcess> apps = platform.apps();
            assertEquals(List.of("control-plane", "cell-1", "cell-2"),
                    apps.stream().map(AppProcess::name).collect(Collectors.toList()));
            Set<Integer> ports = apps.stream().map(AppProcess::port).collect(Collectors.toSet());
            assertEquals(3, ports.size());
            for (AppProcess app : apps) {
                assertTrue(app.isRunning());
                assertEquals(200, get(app, AppProcess.READY_PATH).statusCode());
                assertTrue(app.startedInMs() >= 0);
                assertTrue(app.rssMb() > 1, "RSS of " + app.name() + " was " + app.rssMb());
                assertTrue(Files.readString(app.logFile()).contains("fake app listening on " + app.port()));
            }
            assertEquals(workDir.resolve("logs").resolve("cell-1.log"), platform.cell("cell-1").logFile());
        }
    }

    @Test
    void closeStopsEveryChildProcess() {
        List<Long> pids;
        try (LocalPlatform platform = fakePlatform().cells(1).start()) {
            pids = platform.apps().stream().map(AppProcess::pid).collect(Collectors.toList());
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
        }
    }

    @Test
    void stoppedAppStartsAgainOnTheSamePort() throws Exception {
        try (LocalPlatform platform = fakePlatform().cells(1).start()) {
            AppProcess cell = platform.cell("cell-1");
            long firstPid = cell.pid();
            cell.stop();
            assertFalse(cell.isRunning());
            cell.start();
            assertTrue(cell.isRunning());
            assertNotEquals(firstPid, cell.pid());
            assertEquals(200, get(cell, AppProcess.READY_PATH).statusCode());
            assertEquals(2, Files.readAllLines(cell.logFile()).stream().filter(line -> line.startsWith("===")).count());
        }
    }

    @Test
    void killedAppIsGoneAtOnce() {
        try (LocalPlatform platform = fakePlatform().cells(1).start()) {
            AppProcess cell = platform.cell("cell-1");
            cell.kill();
            assertFalse(cell.isRunning());
            assertEquals(137, cell.exitCode());
        }
    }

    @Test
    void cellsGetTheirIdentityAndExtraEnvironmentOnlyWhereAsked() throws Exception {
        String proxied = "amqp://guest:guest@127.0.0.1:15672/%2f";
        try (LocalPlatform platform = fakePlatform().cells(2)
                .environment("cell-1", "CELLBET_BROKER_URL", proxied)
                .start()) {
            AppProcess cell1 = platform.cell("cell-1");
            AppProcess cell2 = platform.cell("cell-2");
            assertEquals("cell-2", get(cell2, "/env/CELLBET_CELL_ID").body());
            assertEquals(cell2.baseUrl(), get(cell2, "/env/CELLBET_CELL_BASE_URL").body());
            assertEquals(platform.controlPlane().baseUrl(), get(cell2, "/env/CELLBET_CELL_CONTROL_PLANE_URL").body());
            assertEquals("jdbc:postgresql://127.0.0.1:5432/cellbet_cell_2",
                    get(cell2, "/env/QUARKUS_DATASOURCE_JDBC_URL").body());
            assertEquals(proxied, get(cell1, "/env/CELLBET_BROKER_URL").body());
            assertNotEquals(proxied, get(cell2, "/env/CELLBET_BROKER_URL").body());
            assertEquals(404, get(platform.controlPlane(), "/env/CELLBET_CELL_ID").statusCode());
        }
    }

    @Test
    void failsWithTheLogTailWhenAnAppDiesDuringStartAndStopsTheOthers() {
        LocalPlatform.Builder builder = fakePlatform().cells(2)
                .environment("cell-1", "FAKE_APP_FAIL", "boom: cannot reach the database");
        PlatformStartException failure = assertThrows(PlatformStartException.class, builder::start);
        assertTrue(failure.getMessage().contains("cell-1 exited with code 3 before it was ready"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("boom: cannot reach the database"), failure.getMessage());
        assertTrue(ProcessHandle.allProcesses().noneMatch(process -> process.info().arguments()
                .map(args -> List.of(args).contains(FakeApp.class.getName())
                        && List.of(args).toString().contains(workDir.toString()))
                .orElse(false)));
    }

    @Test
    void refusesFixedPortsThatAreTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            LocalPlatform.Builder builder = fakePlatform().ports(port, Ports.freePort()).cells(1);
            PlatformStartException failure = assertThrows(PlatformStartException.class, builder::start);
            assertTrue(failure.getMessage().contains(port + " (control-plane)"), failure.getMessage());
        }
    }

    @Test
    void failsClearlyWhenTheAppsAreNotBuilt() {
        LocalPlatform.Builder builder = LocalPlatform.builder().repositoryRoot(workDir).workDir(workDir)
                .ephemeralPorts().infrastructure(UNUSED_POSTGRES, UNUSED_BROKER);
        PlatformStartException failure = assertThrows(PlatformStartException.class, builder::start);
        assertTrue(failure.getMessage().contains("run ./mvnw package -DskipTests first"), failure.getMessage());
    }

    private LocalPlatform.Builder fakePlatform() {
        List<String> command = fakeAppCommand();
        return LocalPlatform.builder()
                .workDir(workDir)
                .ephemeralPorts()
                .infrastructure(UNUSED_POSTGRES, UNUSED_BROKER)
                .skipDatabaseCreation()
                .readyTimeout(Duration.ofSeconds(60))
                .command(LocalPlatform.AppKind.CONTROL_PLANE, command)
                .command(LocalPlatform.AppKind.CELL, command);
    }

    /** {@code java -cp <test classes> FakeApp}, tagged with the work dir so a test can find its own processes. */
    private List<String> fakeAppCommand() {
        try {
            Path classes = Path.of(FakeApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                    "-Dfake.workdir=" + workDir, "-cp", classes.toString(), FakeApp.class.getName());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(AppProcess app, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(app.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
