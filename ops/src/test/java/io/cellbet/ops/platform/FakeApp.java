package io.cellbet.ops.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a Cellbet app in {@link LocalPlatformTest}: listens on {@code QUARKUS_HTTP_PORT}, answers
 * {@code /q/health/ready} and echoes environment variables at {@code /env/<NAME>}. With {@code FAKE_APP_FAIL} set it
 * prints that text and exits with code 3 instead.
 */
public final class FakeApp {

    private FakeApp() {
    }

    public static void main(String[] args) throws IOException {
        String failure = System.getenv("FAKE_APP_FAIL");
        if (failure != null) {
            System.out.println(failure);
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/q/health/ready", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/env/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/env/".length());
            String value = System.getenv(name);
            answer(exchange, value == null ? 404 : 200, value == null ? "" : value);
        });
        server.start();
        System.out.println("fake app listening on " + port);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
