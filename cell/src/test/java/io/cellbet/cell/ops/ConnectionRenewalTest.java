package io.cellbet.cell.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.cellbet.platform.persistence.ConnectionRenewal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool's connections are renewed one at a time, each at its own moment, never all in the same second. */
@QuarkusTest
class ConnectionRenewalTest {

    private static final int POOL_SIZE = 3;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theCellsPoolRenewsItsConnectionsThroughTheRenewalAndNotAllAtOnceByItsOwnMaxLifetime() {
        assertTrue(dataSource.getPoolInterceptors().stream().anyMatch(ConnectionRenewal.class::isInstance),
                dataSource.getPoolInterceptors().toString());
        assertEquals(Duration.ZERO, dataSource.getConfiguration().connectionPoolConfiguration().maxLifetime());
    }

    @Test
    void eachConnectionIsRenewedOnceItsOwnLifetimeHasPassedAndTheOthersAreKept() throws Exception {
        // The first connection made lives half the lifetime (2 s), the others all of it (4 s).
        AtomicInteger made = new AtomicInteger();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        ConnectionRenewal renewal = new ConnectionRenewal(Duration.ofSeconds(4),
                () -> made.getAndIncrement() == 0 ? 0.5 : 1.0, metrics);
        try (AgroalDataSource pool = poolLikeTheCells(renewal)) {
            List<Integer> first = backendsHeldTogether(pool);
            assertEquals(POOL_SIZE, first.stream().distinct().count(), first.toString());
            int shortLived = first.get(0);
            List<Integer> longLived = first.subList(1, POOL_SIZE);

            // Used again and again: the short-lived one is replaced after 2 s, while the others are still kept.
            List<Integer> afterFirstRenewal = await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> backendsHeldTogether(pool), backends -> !backends.contains(shortLived));
            assertTrue(afterFirstRenewal.containsAll(longLived), first + " then " + afterFirstRenewal);
            assertEquals(1.0, metrics.get("cellbet.db.connections.renewed").counter().count());

            // After 4 s the other two go as well; the replacement of the first is kept until its own time.
            List<Integer> replacement = new ArrayList<>(afterFirstRenewal);
            replacement.removeAll(longLived);
            List<Integer> afterAll = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> backendsHeldTogether(pool), backends -> backends.stream().noneMatch(first::contains));
            assertTrue(afterAll.containsAll(replacement), afterFirstRenewal + " then " + afterAll);
            assertEquals(3.0, metrics.get("cellbet.db.connections.renewed").counter().count());
        }
    }

    @Test
    void aLifetimeOfZeroRenewsNothing() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (AgroalDataSource pool = poolLikeTheCells(new ConnectionRenewal(Duration.ZERO, () -> 1.0, metrics))) {
            Set<Integer> first = Set.copyOf(backendsHeldTogether(pool));
            for (int i = 0; i < 5; i++) {
                assertEquals(first, Set.copyOf(backendsHeldTogether(pool)));
            }
            assertEquals(0.0, metrics.get("cellbet.db.connections.renewed").counter().count());
        }
    }

    /** A pool of three connections to the cell's own database, with {@code renewal} and no max-lifetime. */
    private AgroalDataSource poolLikeTheCells(ConnectionRenewal renewal) throws SQLException {
        AgroalConnectionFactoryConfiguration cells = dataSource.getConfiguration().connectionPoolConfiguration()
                .connectionFactoryConfiguration();
        AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp.maxSize(POOL_SIZE)
                        .acquisitionTimeout(Duration.ofSeconds(5))
                        .connectionFactoryConfiguration(cf -> {
                            cf.jdbcUrl(cells.jdbcUrl()).principal(cells.principal());
                            cells.credentials().forEach(cf::credential);
                            return cf;
                        })));
        pool.setPoolInterceptors(List.of(renewal));
        return pool;
    }

    /** The backends behind the pool's connections, taken all at once, in the order they were handed out. */
    private static List<Integer> backendsHeldTogether(AgroalDataSource pool) throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            List<Integer> backends = new ArrayList<>();
            for (int i = 0; i < POOL_SIZE; i++) {
                Connection connection = pool.getConnection();
                held.add(connection);
                try (Statement statement = connection.createStatement();
                        ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                    row.next();
                    backends.add(row.getInt(1));
                }
            }
            return backends;
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }
}
