package io.cellbet.ops.bench;

import io.cellbet.localinfra.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time used so far by the cell, by PostgreSQL (the server the bench uses and its processes, backends included,
 * when it runs on this machine: found as the parent of the backend serving a connection of the bench's own) and by
 * this JVM (the load generator), as the operating system counts it. On a 2-core machine the three share the cores:
 * the CPU each spends per bet (or transfer) says where a rate's cost goes.
 * PostgreSQL's processes are counted one by one: one started in between counts whole, one that ended in between (a
 * backend whose connection was renewed) counts nothing, so the figure errs low by what such backends used in between.
 *
 * @param postgresProcesses CPU so far of each PostgreSQL process by pid (empty for a difference)
 */
public record CpuTimes(Duration cell, Duration postgres, Duration loadGenerator,
        Map<Long, Duration> postgresProcesses) {

    private static final double NANOS_PER_MS = 1e6;

    public CpuTimes(Duration cell, Duration postgres, Duration loadGenerator) {
        this(cell, postgres, loadGenerator, Map.of());
    }

    /**
     * The PostgreSQL server's main process, when it runs on this machine: the parent of the backend that serves a
     * connection of ours. Works whatever the server's command line (a system service shows no port in it).
     */
    public static Optional<ProcessHandle> postmaster(PostgresEndpoint postgres) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return ProcessHandle.of(row.getLong(1)).flatMap(ProcessHandle::parent)
                    .filter(parent -> parent.info().totalCpuDuration().isPresent());
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** Reads the CPU times of the cell {@code cellPid} and of {@code postgres}'s server (when local) at each call. */
    public static Supplier<CpuTimes> sampler(long cellPid, PostgresEndpoint postgres) {
        Optional<ProcessHandle> postmaster = postmaster(postgres);
        return () -> now(cellPid, postmaster);
    }

    static CpuTimes now(long cellPid, Optional<ProcessHandle> postmaster) {
        Map<Long, Duration> processes = new HashMap<>();
        postmaster.stream().flatMap(main -> Stream.concat(Stream.of(main), main.children()))
                .forEach(process -> processes.put(process.pid(), cpu(process)));
        return new CpuTimes(ProcessHandle.of(cellPid).map(CpuTimes::cpu).orElse(Duration.ZERO),
                processes.values().stream().reduce(Duration.ZERO, Duration::plus), cpu(ProcessHandle.current()),
                Map.copyOf(processes));
    }

    private static Duration cpu(ProcessHandle process) {
        Optional<Duration> total = process.info().totalCpuDuration();
        return total.orElse(Duration.ZERO);
    }

    /** The CPU used between {@code earlier} and this. */
    public CpuTimes since(CpuTimes earlier) {
        Duration postgresSince = postgresProcesses.isEmpty() ? postgres.minus(earlier.postgres) : Duration.ZERO;
        for (Map.Entry<Long, Duration> process : postgresProcesses.entrySet()) {
            postgresSince = postgresSince.plus(process.getValue()
                    .minus(earlier.postgresProcesses.getOrDefault(process.getKey(), Duration.ZERO)));
        }
        return new CpuTimes(cell.minus(earlier.cell), postgresSince, loadGenerator.minus(earlier.loadGenerator));
    }

    /** Milliseconds of CPU per bet (or transfer) of each process, rounded to 0.01; empty when there were none. */
    public Map<String, Double> msPer(long count) {
        Map<String, Double> ms = new LinkedHashMap<>();
        if (count > 0) {
            ms.put("cell", msEach(cell, count));
            ms.put("postgres", msEach(postgres, count));
            ms.put("loadGenerator", msEach(loadGenerator, count));
        }
        return ms;
    }

    /**
     * Adds {@code msPer}'s figures to {@code result} as metrics {@code <prefix>cell}, {@code <prefix>postgres} and
     * {@code <prefix>load_generator}.
     */
    public static void addMetrics(BenchResult.Builder result, String prefix, Map<String, Double> msPer) {
        msPer.forEach((process, ms) -> result.metric(prefix + process.replaceAll("([A-Z])", "_$1")
                .toLowerCase(Locale.ROOT), ms));
    }

    private static double msEach(Duration cpu, long count) {
        return Math.round(cpu.toNanos() / NANOS_PER_MS / count * 100) / 100.0;
    }
}
