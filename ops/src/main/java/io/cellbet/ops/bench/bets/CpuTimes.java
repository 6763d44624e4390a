package io.cellbet.ops.bench.bets;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used so far by the cell, by PostgreSQL (the server listening on the bench's port and its processes,
 * backends included, when it runs on this machine) and by this JVM (the load generator), as the operating system
 * counts it. On a 2-core machine the three share the cores: the CPU each spends per bet says where a rate's cost goes.
 * PostgreSQL's processes are counted one by one: one started in between counts whole, one that ended in between (a
 * backend whose connection was renewed) counts nothing, so the figure errs low by what such backends used in between.
 *
 * @param postgresProcesses CPU so far of each PostgreSQL process by pid (empty for a difference)
 */
record CpuTimes(Duration cell, Duration postgres, Duration loadGenerator, Map<Long, Duration> postgresProcesses) {

    private static final double NANOS_PER_MS = 1e6;

    CpuTimes(Duration cell, Duration postgres, Duration loadGenerator) {
        this(cell, postgres, loadGenerator, Map.of());
    }

    static CpuTimes now(long cellPid, int postgresPort) {
        Map<Long, Duration> processes = new HashMap<>();
        ProcessHandle.allProcesses().filter(process -> isPostmaster(process, postgresPort))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.children()))
                .forEach(process -> processes.put(process.pid(), cpu(process)));
        return new CpuTimes(ProcessHandle.of(cellPid).map(CpuTimes::cpu).orElse(Duration.ZERO),
                processes.values().stream().reduce(Duration.ZERO, Duration::plus), cpu(ProcessHandle.current()),
                Map.copyOf(processes));
    }

    /** A PostgreSQL server started with {@code -p <port>} (the embedded one is; a system one shows no port). */
    private static boolean isPostmaster(ProcessHandle process, int port) {
        ProcessHandle.Info info = process.info();
        if (!info.command().map(command -> command.endsWith("/postgres")).orElse(false)) {
            return false;
        }
        List<String> arguments = List.of(info.arguments().orElse(new String[0]));
        int flag = arguments.indexOf("-p");
        return flag >= 0 && flag + 1 < arguments.size() && arguments.get(flag + 1).equals(Integer.toString(port));
    }

    private static Duration cpu(ProcessHandle process) {
        Optional<Duration> total = process.info().totalCpuDuration();
        return total.orElse(Duration.ZERO);
    }

    /** The CPU used between {@code earlier} and this. */
    CpuTimes since(CpuTimes earlier) {
        Duration postgresSince = postgresProcesses.isEmpty() ? postgres.minus(earlier.postgres) : Duration.ZERO;
        for (Map.Entry<Long, Duration> process : postgresProcesses.entrySet()) {
            postgresSince = postgresSince.plus(process.getValue()
                    .minus(earlier.postgresProcesses.getOrDefault(process.getKey(), Duration.ZERO)));
        }
        return new CpuTimes(cell.minus(earlier.cell), postgresSince, loadGenerator.minus(earlier.loadGenerator));
    }

    /** Milliseconds of CPU per bet of each process, rounded to 0.01; empty when there were no bets. */
    Map<String, Double> msPer(long bets) {
        Map<String, Double> ms = new LinkedHashMap<>();
        if (bets > 0) {
            ms.put("cell", perBet(cell, bets));
            ms.put("postgres", perBet(postgres, bets));
            ms.put("loadGenerator", perBet(loadGenerator, bets));
        }
        return ms;
    }

    private static double perBet(Duration cpu, long bets) {
        return Math.round(cpu.toNanos() / NANOS_PER_MS / bets * 100) / 100.0;
    }
}
