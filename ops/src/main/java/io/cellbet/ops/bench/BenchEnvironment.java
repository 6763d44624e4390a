package io.cellbet.ops.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Facts about the machine and the code a benchmark ran on, so results can be compared fairly. */
public final class BenchEnvironment {

    private static final long GIT_TIMEOUT_S = 5;

    private BenchEnvironment() {
    }

    /** {@code java}, {@code os}, {@code cpus}, {@code gitCommit} and {@code startedAt}. */
    public static Map<String, Object> capture(Path repositoryRoot, Instant startedAt) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        environment.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        environment.put("gitCommit", gitCommit(repositoryRoot));
        environment.put("startedAt", startedAt.toString());
        return environment;
    }

    /**
     * The system load average over the last minute, rounded; -1 where the platform has none. Other work on the
     * machine takes cores from everything a benchmark measures, so scenarios record it at start and end.
     */
    public static double loadAverage() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }

    /** {@code HEAD}'s commit id, with {@code -dirty} if the work tree has changes, or {@code unknown}. */
    static String gitCommit(Path repositoryRoot) {
        String head = git(repositoryRoot, "rev-parse", "HEAD");
        if (head == null || head.isBlank()) {
            return "unknown";
        }
        String status = git(repositoryRoot, "status", "--porcelain");
        return status == null || status.isBlank() ? head : head + "-dirty";
    }

    private static String git(Path dir, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(GIT_TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(output, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
