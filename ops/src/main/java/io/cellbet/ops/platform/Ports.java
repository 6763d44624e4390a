package io.cellbet.ops.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** TCP port helpers for choosing where the apps listen. */
public final class Ports {

    /** Lowest port handed out by {@link #freePort()}. */
    static final int FREE_PORT_MIN = 20_000;
    static final int FREE_PORT_ATTEMPTS = 200;
    private static final Path LOCAL_PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int DEFAULT_LOCAL_PORT_RANGE_START = 32_768;

    private Ports() {
    }

    /**
     * A port that is free right now, below the kernel's ephemeral range where possible.
     *
     * <p>An app reserved this way may only bind its port seconds later, after other apps started. Ports from the
     * ephemeral range can be taken meanwhile as the local end of any outgoing connection (a database pool, say), so
     * the port is picked at random below that range, where only explicit binds land.
     */
    public static int freePort() {
        int rangeStart = localPortRangeStart();
        if (rangeStart > FREE_PORT_MIN + 1000) {
            for (int attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(FREE_PORT_MIN, rangeStart);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free TCP port", e);
        }
    }

    /** Whether a listener could bind {@code port} on all interfaces now, as Quarkus does. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Reuse so that sockets in TIME_WAIT from a just-stopped app do not count as taken.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** First port of the kernel's range for outgoing connections (Linux), else the IANA default. */
    static int localPortRangeStart() {
        // One large read: sysctl files answer a read at a non-zero offset with end-of-file, so reading them in
        // small pieces (as Files.readString does for a file of size 0) returns only the first byte.
        try (BufferedReader reader = Files.newBufferedReader(LOCAL_PORT_RANGE)) {
            String[] range = reader.readLine().trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_LOCAL_PORT_RANGE_START;
        }
    }
}
