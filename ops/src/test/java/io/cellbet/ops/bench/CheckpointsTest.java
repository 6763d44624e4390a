package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.localinfra.PostgresEndpoint;
import io.cellbet.testsupport.infra.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the test PostgreSQL: a step's checkpoint writes what was changed before it, and the count shows it. */
class CheckpointsTest {

    @Test
    void aCheckpointBeforeAStepWritesTheBuffersChangedSinceTheLastOne() throws Exception {
        PostgresEndpoint postgres = TestInfrastructure.postgres();
        Checkpoints checkpoints = new Checkpoints(postgres, true);
        long before = checkpoints.beforeStep();
        String table = "checkpoints_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id int, filler text)");
            try {
                // About 2 MB of pages changed: the next checkpoint has to write them.
                sql.execute("INSERT INTO " + table + " SELECT i, repeat('x', 200) FROM generate_series(1, 10000) i");

                long next = checkpoints.beforeStep();

                assertTrue(next - before >= 100, "the checkpoint wrote " + (next - before) + " buffers");
                assertTrue(checkpoints.writtenSince(next) >= 0);
            } finally {
                sql.execute("DROP TABLE " + table);
            }
        }
    }
}
