package io.cellbet.ops.platform;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One app of a {@link LocalPlatform} (the control plane or a cell) run as a child process: it can be stopped,
 * killed and started again with the same command, environment and port.
 */
public final class AppProcess {

    /** How long {@link #stop()} waits after SIGTERM before it kills the process. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** Path answered with 200 once the app can serve requests. */
    public static final String READY_PATH = "/q/health/ready";
    static final int LOG_TAIL_LINES = 60;
    private static final long READY_POLL_MS = 100;
    private static final Duration READY_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_TAIL_MAX_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final String name;
    private final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Path logFile;
    private final Duration readyTimeout;

    private volatile Process process;
    private volatile long startedInMs = -1;
    private volatile boolean stopRequested;

    AppProcess(String name, int port, List<String> command, Map<String, String> environment, Path workingDir,
            Path logFile, Duration readyTimeout) {
        this.name = name;
        this.port = port;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        this.logFile = logFile;
        this.readyTimeout = readyTimeout;
    }

    /** {@code control-plane}, {@code cell-1}, ... */
    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@link #baseUrl()} joined with {@code path} (which starts with a slash). */
    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The variables this platform sets for the app, on top of the ones it inherits from this JVM. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The command line the app is started with. */
    public List<String> command() {
        return command;
    }

    /** Where the app's stdout and stderr go; every start appends to it after a marker line. */
    Duration readyTimeout() {
        return readyTimeout;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The process id of the current (or last) run. */
    public long pid() {
        return requireStarted().pid();
    }

    /** Milliseconds from process launch until the readiness check first answered 200, for the last start. */
    public long startedInMs() {
        if (startedInMs < 0) {
            throw new IllegalStateException(name + " has not become ready yet");
        }
        return startedInMs;
    }

    /** Resident set size of the running process in MiB, from {@code /proc/<pid>/status} (Linux only). */
    public double rssMb() {
        Process current = requireStarted();
        Path status = Path.of("/proc", Long.toString(current.pid()), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Long.parseLong(kilobytes) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + status + " (is " + name + " running, on Linux?)", e);
        }
        throw new IllegalStateException("No VmRSS line in " + status);
    }

    /**
     * Launches the app and waits until it is ready.
     *
     * @throws PlatformStartException if the port is taken, or the app dies or is not ready within the timeout
     *     (the message holds the tail of its log; the process is stopped)
     */
    public void start() {
        Process launched;
        long launchedAtNanos;
        synchronized (this) {
            if (isRunning()) {
                throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
            }
            if (!Ports.isFree(port)) {
                throw new PlatformStartException("Port " + port + " for " + name
                        + " is already in use: is another sandbox or app running? Stop it or use ephemeral ports.");
            }
            stopRequested = false;
            startedInMs = -1;
            appendMarker("starting " + name + " on port " + port + ": " + String.join(" ", command));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            launchedAtNanos = System.nanoTime();
            try {
                launched = builder.start();
            } catch (IOException e) {
                throw new PlatformStartException("Could not launch " + name + ": " + e.getMessage(), e);
            }
            process = launched;
        }
        LOG.info("Started {} (pid {}) on port {}, log {}", name, launched.pid(), port, logFile);
        awaitReady(launched, launchedAtNanos);
    }

    /** Sends SIGTERM, waits up to {@link #STOP_GRACE}, then kills; does nothing if not running. */
    public void stop() {
        stopRequested = true;
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = current.descendants().collect(Collectors.toList());
        current.destroy();
        try {
            if (!current.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (pid {}) did not stop within {} s after SIGTERM; killing it", name, current.pid(),
                        STOP_GRACE.toSeconds());
                current.destroyForcibly();
                current.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // An app should not leave children behind, but if one did they must not outlive the platform.
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        LOG.info("Stopped {} (exit code {})", name, current.isAlive() ? "still running" : current.exitValue());
    }

    /** Kills the process with SIGKILL at once, as a crash would, and waits for it to be gone. */
    public void kill() {
        stopRequested = true;
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.descendants().forEach(ProcessHandle::destroyForcibly);
        current.destroyForcibly();
        try {
            current.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exit code of the last run, or -1 if it is still running or never ran. */
    public int exitCode() {
        Process current = process;
        if (current == null || current.isAlive()) {
            return -1;
        }
        return current.exitValue();
    }

    /** The last {@code lines} lines of the log file (at most the last 64 KiB of it). */
    public String logTail(int lines) {
        if (!Files.exists(logFile)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, LOG_TAIL_MAX_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            int end = all.length > 0 && all[all.length - 1].isEmpty() ? all.length - 1 : all.length;
            int from = Math.max(0, end - lines);
            return String.join("\n", Arrays.asList(all).subList(from, end));
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + "@" + baseUrl();
    }

    private void awaitReady(Process launched, long launchedAtNanos) {
        long deadline = launchedAtNanos + readyTimeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(uri(READY_PATH)).timeout(READY_REQUEST_TIMEOUT).GET().build();
        while (true) {
            if (!launched.isAlive()) {
                throw failure(name + " exited with code " + launched.exitValue() + " before it was ready"
                        + (stopRequested ? " (it was stopped)" : ""));
            }
            if (isReady(request)) {
                startedInMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launchedAtNanos);
                LOG.info("{} is ready after {} ms", name, startedInMs);
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                stop();
                throw failure(name + " was not ready within " + readyTimeout.toSeconds() + " s");
            }
            try {
                // Waiting on the process doubles as the poll interval and notices a crash at once.
                launched.waitFor(READY_POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new PlatformStartException("Interrupted while waiting for " + name + " to be ready", e);
            }
        }
    }

    private static boolean isReady(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private PlatformStartException failure(String reason) {
        return new PlatformStartException(reason + ". Last lines of " + logFile + ":\n" + logTail(LOG_TAIL_LINES));
    }

    private Process requireStarted() {
        Process current = process;
        if (current == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return current;
    }

    private void appendMarker(String text) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== " + Instant.now() + " " + text + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + logFile, e);
        }
    }
}
