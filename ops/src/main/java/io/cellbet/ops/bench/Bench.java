package io.cellbet.ops.bench;

import io.cellbet.ops.platform.RepositoryRoot;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Command-line entry of the benchmarks: {@code ops/bench <scenario> [--name=value ...]}. Prints a Markdown table
 * and writes {@code target/bench/<scenario>.json} at the repository root.
 *
 * <p>Exit codes: 0 done, 1 the scenario failed, 2 usage error (unknown scenario or option).
 */
public final class Bench {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /** {@code off}: the kernel's DAMON reclaim is off for the run and back on after it ({@link KernelReclaim}). */
    public static final String KERNEL_RECLAIM_ENV = "CELLBET_BENCH_KERNEL_RECLAIM";

    private Bench() {
    }

    public static void main(String[] args) {
        Path root = RepositoryRoot.find();
        int exit = run(List.of(args), Scenarios.all(), root, root.resolve("target").resolve("bench"), System.out,
                System.err);
        System.exit(exit);
    }

    /** Runs one scenario as the command line asks; returns the exit code. */
    static int run(List<String> args, Scenarios scenarios, Path repositoryRoot, Path resultDir, PrintStream out,
            PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            usage(scenarios, args.isEmpty() ? err : out);
            return args.isEmpty() ? EXIT_USAGE : EXIT_OK;
        }
        String name = args.get(0);
        Scenario scenario = scenarios.find(name).orElse(null);
        if (scenario == null) {
            err.println("Unknown scenario '" + name + "'.");
            usage(scenarios, err);
            return EXIT_USAGE;
        }
        List<String> optionArgs = args.subList(1, args.size());
        if (optionArgs.contains("--help") || optionArgs.contains("-h")) {
            scenarioHelp(scenario, out);
            return EXIT_OK;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(optionArgs, scenario.options());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            scenarioHelp(scenario, err);
            return EXIT_USAGE;
        }
        Instant startedAt = Instant.now();
        BenchResult result;
        KernelReclaim reclaim = new KernelReclaim();
        List<KernelReclaim.Kdamond> kdamonds = reclaim.kdamonds();
        boolean reclaimOff = "off".equals(System.getenv(KERNEL_RECLAIM_ENV));
        Duration kdamondCpu;
        Duration ran;
        try (KernelReclaim.Restore restore = reclaimOff ? reclaim.switchOff(kdamonds) : () -> { }) {
            if (reclaimOff) {
                err.println("Kernel reclaim (DAMON) switched off for the run (" + KERNEL_RECLAIM_ENV + "=off)");
            }
            List<KernelReclaim.Kdamond> running = reclaim.kdamonds();
            Duration kdamondCpuBefore = reclaim.cpu(running);
            long before = System.nanoTime();
            result = scenario.run(options);
            ran = Duration.ofNanos(System.nanoTime() - before);
            kdamondCpu = reclaim.cpu(running).minus(kdamondCpuBefore);
        } catch (IllegalArgumentException e) {
            err.println("Bad option for " + name + ": " + e.getMessage());
            return EXIT_USAGE;
        } catch (Exception e) {
            err.println("Scenario " + name + " failed: " + e);
            e.printStackTrace(err);
            return EXIT_FAILED;
        }
        Map<String, Object> environment = BenchEnvironment.capture(repositoryRoot, startedAt);
        environment.put("kernelReclaim", KernelReclaim.describe(kdamonds, reclaimOff,
                kdamondCpu.isNegative() ? Duration.ZERO : kdamondCpu, ran));
        Path file = BenchReport.write(result, environment, options, resultDir);
        out.println();
        out.print(BenchReport.markdown(result));
        out.println();
        out.println("Options: " + options.values());
        out.println("Written to " + file);
        return EXIT_OK;
    }

    private static void usage(Scenarios scenarios, PrintStream out) {
        out.println("Usage: ops/bench <scenario> [--name=value ...]   (ops/bench <scenario> --help for its options)");
        out.println("Scenarios:");
        for (Scenario scenario : scenarios.list()) {
            out.printf("  %-12s %s%n", scenario.name(), scenario.description());
        }
    }

    private static void scenarioHelp(Scenario scenario, PrintStream out) {
        out.println("ops/bench " + scenario.name() + ": " + scenario.description());
        out.println("Options (shown with their defaults):");
        for (ScenarioOption option : scenario.options()) {
            out.printf("  --%-26s %s%n", option.name() + "=" + option.defaultValue(), option.description());
        }
        if (scenario.options().isEmpty()) {
            out.println("  (none)");
        }
        out.println("Result: target/bench/" + scenario.name() + ".json. Exit codes: 0 done, 1 failed, 2 usage.");
    }
}
