package io.cellbet.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The kernel's DAMON-based memory reclaim on the machine a benchmark runs on: its {@code kdamond} threads, as the
 * DAMON sysfs interface ({@code /sys/kernel/mm/damon/admin/kdamonds}) shows them. A virtual machine's host may run one
 * to page out the guest's cold memory; the development machines of this repository do (ops/README.md, bets,
 * "thirteenth session"). Every sampling interval (500 ms there) a kdamond checks the access bits of up to thousands of
 * regions of physical memory on one core, for about 20 ms in one go in a kernel that does not preempt kernel code:
 * a two-core machine then has one core for that time, every half second, and the latency of everything it serves
 * shows it. A benchmark records whether reclaim was on and what its threads used ({@link #describe}); with {@code
 * CELLBET_BENCH_KERNEL_RECLAIM=off} (root only) it switches reclaim off for the run and back on after it
 * ({@link #switchOff}).
 */
public final class KernelReclaim {

    /** Where the kernel lists its kdamonds. */
    public static final Path DAMON_ADMIN = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

    /** One kdamond: its sysfs directory, {@code on} or {@code off}, its thread (0 when off) and what it does. */
    public record Kdamond(Path directory, String state, long pid, long sampleUs, List<String> actions) {
    }

    /** Switches back on, when closed, what {@link #switchOff} switched off. */
    @FunctionalInterface
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    private final Path admin;
    private final Path proc;

    public KernelReclaim() {
        this(DAMON_ADMIN, Path.of("/proc"));
    }

    KernelReclaim(Path admin, Path proc) {
        this.admin = admin;
        this.proc = proc;
    }

    /** The kdamonds as they are now; none where the kernel has no DAMON sysfs interface or it cannot be read. */
    public List<Kdamond> kdamonds() {
        if (!Files.isDirectory(admin)) {
            return List.of();
        }
        List<Kdamond> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(admin)) {
            for (Path directory : entries.filter(path -> path.getFileName().toString().matches("\\d+")).sorted()
                    .toList()) {
                Path context = directory.resolve("contexts/0");
                List<String> actions = new ArrayList<>();
                Path schemes = context.resolve("schemes");
                if (Files.isDirectory(schemes)) {
                    try (Stream<Path> each = Files.list(schemes)) {
                        each.filter(path -> path.getFileName().toString().matches("\\d+")).sorted()
                                .forEach(scheme -> actions.add(read(scheme.resolve("action"), "?")));
                    }
                }
                found.add(new Kdamond(directory, read(directory.resolve("state"), "?"),
                        parse(read(directory.resolve("pid"), "0")),
                        parse(read(context.resolve("monitoring_attrs/intervals/sample_us"), "0")), actions));
            }
        } catch (IOException e) {
            return List.of();
        }
        return found;
    }

    /** CPU used so far by the kdamonds' threads that run now. */
    public Duration cpu(List<Kdamond> kdamonds) {
        return kdamonds.stream().filter(kdamond -> kdamond.pid() > 0)
                .map(kdamond -> CpuTimes.statTimes(proc.resolve(kdamond.pid() + "/stat"), CpuTimes.UTIME_FIELD)
                        .orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Switches off every kdamond that is on; the answer switches them back on. Fails when one cannot be switched
     * (not root): a run asked for without reclaim must not run with it.
     */
    public Restore switchOff(List<Kdamond> kdamonds) {
        List<Kdamond> switched = new ArrayList<>();
        Restore restore = () -> switched.forEach(kdamond -> write(kdamond.directory().resolve("state"), "on"));
        Thread onExit = new Thread(restore::close, "kernel-reclaim-restore");
        for (Kdamond kdamond : kdamonds) {
            if ("on".equals(kdamond.state())) {
                try {
                    write(kdamond.directory().resolve("state"), "off");
                } catch (IllegalStateException e) {
                    restore.close();
                    throw e;
                }
                switched.add(kdamond);
            }
        }
        // Ctrl-C during the run: the machine gets its reclaim back all the same.
        Runtime.getRuntime().addShutdownHook(onExit);
        return () -> {
            restore.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs, or ran, anyway.
            }
        };
    }

    /**
     * For a result's environment: each kdamond at the start ({@code state}, {@code sampleMs}, {@code actions}),
     * whether the bench switched them off, and the CPU their threads used during the run per second of it.
     */
    public static Map<String, Object> describe(List<Kdamond> atStart, boolean switchedOff, Duration cpuUsed,
            Duration run) {
        Map<String, Object> described = new LinkedHashMap<>();
        List<Map<String, Object>> each = new ArrayList<>();
        for (Kdamond kdamond : atStart) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("state", kdamond.state());
            one.put("sampleMs", kdamond.sampleUs() / 1000.0);
            one.put("actions", kdamond.actions());
            each.add(one);
        }
        described.put("kdamonds", each);
        described.put("switchedOffForTheRun", switchedOff);
        described.put("kdamondCpuMsPerS", run.isZero() ? 0
                : Math.round(cpuUsed.toNanos() / 1e6 / (run.toNanos() / 1e9) * 100) / 100.0);
        return described;
    }

    private static String read(Path file, String otherwise) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return otherwise;
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value + " to " + file + " (root only): " + e, e);
        }
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
