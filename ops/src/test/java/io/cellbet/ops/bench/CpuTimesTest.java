package io.cellbet.ops.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.localinfra.PostgresEndpoint;
import io.cellbet.testsupport.infra.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuTimesTest {

    @Test
    void aBackendRenewedInBetweenCountsWhatTheNewOneUsedAndNeverLowersTheFigure() {
        CpuTimes earlier = new CpuTimes(Duration.ofMillis(1_000), Duration.ofMillis(700), Duration.ofMillis(300),
                Map.of(1L, Duration.ofMillis(100), 2L, Duration.ofMillis(600)));
        // Backend 2 (600 ms so far) ended; backend 3 started and used 20 ms; the postmaster 1 used 50 ms more.
        CpuTimes later = new CpuTimes(Duration.ofMillis(1_400), Duration.ofMillis(170), Duration.ofMillis(350),
                Map.of(1L, Duration.ofMillis(150), 3L, Duration.ofMillis(20)));

        CpuTimes used = later.since(earlier);

        assertEquals(Duration.ofMillis(400), used.cell());
        assertEquals(Duration.ofMillis(70), used.postgres());
        assertEquals(Duration.ofMillis(50), used.loadGenerator());
    }

    @Test
    void aBackendThatEndedInBetweenCountsWhatItUsedSinceTheEarlierReading() {
        // Postmaster 1 had reaped children that used 1,000 ms in all; backend 2 had used 600 ms.
        CpuTimes earlier = new CpuTimes(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Map.of(1L, Duration.ofMillis(100), 2L, Duration.ofMillis(600), -1L, Duration.ofMillis(1_000)));
        // Backend 2 used 30 ms more and ended, so the reaped total grew by its 630 ms; backend 3 started, used 20 ms.
        CpuTimes later = new CpuTimes(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Map.of(1L, Duration.ofMillis(150), 3L, Duration.ofMillis(20), -1L, Duration.ofMillis(1_630)));

        assertEquals(Duration.ofMillis(50 + 20 + 30), later.since(earlier).postgres());
    }

    @Test
    void withoutProcessesTheTotalsAreSubtracted() {
        CpuTimes used = new CpuTimes(Duration.ofMillis(30), Duration.ofMillis(20), Duration.ofMillis(10))
                .since(new CpuTimes(Duration.ofMillis(10), Duration.ofMillis(5), Duration.ofMillis(1)));

        assertEquals(Duration.ofMillis(15), used.postgres());
    }

    @Test
    void postgresqlIsFoundAsTheParentOfTheBackendServingUsWhateverItsCommandLine() {
        Optional<ProcessHandle> postmaster = CpuTimes.postmaster(TestInfrastructure.postgres());

        assertTrue(postmaster.isPresent(), "the test PostgreSQL runs on this machine");
        CpuTimes now = CpuTimes.now(ProcessHandle.current().pid(), postmaster);
        assertTrue(now.postgresProcesses().containsKey(postmaster.get().pid()));
        assertTrue(now.postgresProcesses().size() > 1, "its children (backends, writer, ...) are counted too");
        assertTrue(now.postgres().toNanos() > 0);
    }

    @Test
    void whatABackendUsedStillCountsOnceItHasEnded() throws Exception {
        PostgresEndpoint postgres = TestInfrastructure.postgres();
        long postmaster = CpuTimes.postmaster(postgres).orElseThrow().pid();
        Duration before = CpuTimes.endedChildren(postmaster).orElseThrow();

        // A backend of our own works for a while (well over Linux's 10 ms tick) and ends with its connection.
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); Statement sql = connection.createStatement()) {
            sql.execute("SELECT count(*) FROM generate_series(1, 5000000)");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> CpuTimes.endedChildren(postmaster).orElseThrow()
                .compareTo(before.plusMillis(20)) >= 0);
    }
}
