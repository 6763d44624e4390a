package io.cellbet.ops.bench.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link BareBroadcastServer} in a JVM of its own, as a cell runs: launched with this JVM's classpath, its port read
 * from its {@code LISTENING <port>} line, its rate set over its control endpoint, stopped with SIGTERM.
 */
final class BareServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BareServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server with {@code eventLoops} event loops and {@code messageBytes}-byte messages; logs to log. */
    static BareServerProcess start(int eventLoops, int messageBytes, boolean nativeTransport, List<String> jvmArgs,
            Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BareBroadcastServer.class.getName());
        command.add("--port=0");
        command.add("--event-loops=" + eventLoops);
        command.add("--message-bytes=" + messageBytes);
        command.add("--native-transport=" + nativeTransport);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> readPort(process));
        try {
            return new BareServerProcess(process, port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("The bare broadcast server did not start (see " + log + "): " + e, e);
        }
    }

    private static int readPort(Process process) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("LISTENING ")) {
                    int port = Integer.parseInt(line.substring("LISTENING ".length()).trim());
                    // Keep draining its stdout so the child never blocks on a full pipe.
                    Thread drain = new Thread(() -> {
                        try {
                            while (out.readLine() != null) {
                                // discarded
                            }
                        } catch (IOException ignored) {
                            // the process ended
                        }
                    }, "bare-server-stdout");
                    drain.setDaemon(true);
                    drain.start();
                    return port;
                }
            }
            throw new IllegalStateException("exited with " + process.waitFor());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Broadcasts per second to every subscribed socket. */
    void rate(double perSecond) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(String.format(Locale.ROOT,
                "http://127.0.0.1:%d/control/rate?perSecond=%s", port, perSecond)))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IOException("Bare server answered " + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
