package io.cellbet.ops.bench;

import io.cellbet.localinfra.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's checkpoints around a bench step. A checkpoint writes every buffer changed since the one before, spread
 * over minutes. On a machine whose one disk holds the data and the write-ahead log, a commit then waits now and then
 * behind those writes (on the machine of ops/README's wallet figures of 2026-12-06, fifth session: commits of 45-230
 * ms every few seconds for a minute or more of each checkpoint), and a step that one falls in measures the disk more
 * than the code under test. Asked to ({@code --checkpoint-before-step=true}, the default), each step starts right
 * after a {@code CHECKPOINT}, so the server's next one (after {@code checkpoint_timeout}, or {@code max_wal_size} of
 * log) comes later than a step of seconds. Either way each step reports the buffers the checkpointer wrote during it:
 * a step with a checkpoint in it shows.
 */
public final class Checkpoints {

    /**
     * How long the figures of a checkpoint just ended may take to reach a reader before PostgreSQL 15, whose statistics
     * collector hands out a snapshot up to half a second old (from 15 on they are in shared memory at once).
     */
    private static final long STATISTICS_DELAY_MS = 1_000;
    private static final int SHARED_MEMORY_STATISTICS = 150_000;
    private static final int CHECKPOINTER_VIEW = 170_000;

    private final PostgresEndpoint postgres;
    private final boolean beforeEachStep;

    public Checkpoints(PostgresEndpoint postgres, boolean beforeEachStep) {
        this.postgres = postgres;
        this.beforeEachStep = beforeEachStep;
    }

    /** Just before a step: a {@code CHECKPOINT} if asked for. Answers the checkpointer's count (see below). */
    public long beforeStep() throws SQLException, InterruptedException {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            int version = version(sql);
            if (beforeEachStep) {
                sql.execute("CHECKPOINT");
                if (version < SHARED_MEMORY_STATISTICS) {
                    Thread.sleep(STATISTICS_DELAY_MS);
                }
            }
            return buffersWritten(sql, version);
        }
    }

    /** Buffers the checkpointer wrote since {@code before} (a count from {@link #beforeStep}). */
    public long writtenSince(long before) throws SQLException {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            return buffersWritten(sql, version(sql)) - before;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
    }

    private static int version(Statement sql) throws SQLException {
        try (ResultSet row = sql.executeQuery("SELECT current_setting('server_version_num')::int")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** PostgreSQL 17 moved the checkpointer's figures out of {@code pg_stat_bgwriter}. */
    private static long buffersWritten(Statement sql, int version) throws SQLException {
        sql.execute("SELECT pg_stat_clear_snapshot()");
        String query = version >= CHECKPOINTER_VIEW ? "SELECT buffers_written FROM pg_stat_checkpointer"
                : "SELECT buffers_checkpoint FROM pg_stat_bgwriter";
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
