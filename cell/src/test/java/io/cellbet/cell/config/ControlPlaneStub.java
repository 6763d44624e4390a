package io.cellbet.cell.config;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the control plane's snapshot endpoint on a real socket, serving whatever
 * snapshot the test sets, in the control plane's JSON shape.
 */
public class ControlPlaneStub implements QuarkusTestResourceLifecycleManager {

    /** The store a cell adopts when it first syncs in these tests. */
    static final UUID STORE = UUID.fromString("00000000-0000-4000-8000-00000000ce11");
    static volatile String snapshotJson = "{\"storeId\":\"" + STORE + "\",\"version\":0,\"entries\":[]}";
    static final AtomicInteger SNAPSHOT_REQUESTS = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/config/snapshot", exchange -> {
            SNAPSHOT_REQUESTS.incrementAndGet();
            byte[] body = snapshotJson.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("cellbet.cell.control-plane-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
