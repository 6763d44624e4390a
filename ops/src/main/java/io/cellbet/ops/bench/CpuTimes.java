package io.cellbet.ops.bench;

import io.cellbet.localinfra.PostgresEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * PostgreSQL's processes are counted one by one, and with them what the server's ended backends used: Linux adds a
 * child's CPU to its parent's {@code cutime} and {@code cstime} once the parent has reaped it (the main process does so
 * as soon as a backend ends). A backend that ended in between then counts what it used since the earlier reading,
 * not nothing: without that, a step in which connections were renewed counted PostgreSQL low (0.04 ms a bet at 2,500
 * bets/s, against 0.33 ms at 2,000/s; ops/README, bets, eleventh session). Where {@code /proc} cannot be read, an
 * ended backend counts nothing.
 *
 * @param postgresProcesses CPU so far of each PostgreSQL process by pid, and under {@code -pid} of the main process
 *                          what its ended children used (empty for a difference)
 */
public record CpuTimes(Duration cell, Duration postgres, Duration loadGenerator,
        Map<Long, Duration> postgresProcesses) {

    private static final double NANOS_PER_MS = 1e6;
    /** Linux's unit for the times of {@code /proc/<pid>/stat} ({@code USER_HZ}), 100 on every architecture it runs. */
    static final long CLOCK_TICKS_PER_SECOND = 100;
    /** {@code utime} and {@code stime}, a process's own CPU, are the 14th and 15th fields of its stat. */
    static final int UTIME_FIELD = 14;
    /** {@code cutime} and {@code cstime}, its reaped children's, are the 16th and 17th. */
    static final int CUTIME_FIELD = 16;
    /** The fields after the name's ')' start at the 3rd. */
    private static final int FIRST_FIELD_AFTER_NAME = 3;

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
        postmaster.flatMap(main -> endedChildren(main.pid()).map(used -> Map.entry(-main.pid(), used)))
                .ifPresent(ended -> processes.put(ended.getKey(), ended.getValue()));
        return new CpuTimes(ProcessHandle.of(cellPid).map(CpuTimes::cpu).orElse(Duration.ZERO),
                processes.values().stream().reduce(Duration.ZERO, Duration::plus), cpu(ProcessHandle.current()),
                Map.copyOf(processes));
    }

    /** What the ended and reaped children of {@code pid} used ({@code cutime + cstime}), when {@code /proc} tells. */
    static Optional<Duration> endedChildren(long pid) {
        return statTimes(Path.of("/proc", Long.toString(pid), "stat"), CUTIME_FIELD);
    }

    /**
     * The CPU time of a {@code /proc/<pid>/stat} file's field {@code field} (counted from 1) and the one after it,
     * such as {@link #UTIME_FIELD}: user and system time; empty when the file cannot be read.
     */
    static Optional<Duration> statTimes(Path stat, int field) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            int first = field - FIRST_FIELD_AFTER_NAME;
            long ticks = Long.parseLong(fields[first]) + Long.parseLong(fields[first + 1]);
            return Optional.of(Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
        // A backend that ended in between is in its parent's reaped total with all it ever used: less what it had
        // used by the earlier reading, which that reading counted.
        boolean endedCounted = postgresProcesses.keySet().stream().anyMatch(pid -> pid < 0);
        for (Map.Entry<Long, Duration> process : earlier.postgresProcesses.entrySet()) {
            if (endedCounted && process.getKey() > 0 && !postgresProcesses.containsKey(process.getKey())) {
                postgresSince = postgresSince.minus(process.getValue());
            }
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
