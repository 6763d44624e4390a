package io.cellbet.testsupport.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A player's websocket client of a cell's {@code /live} (or {@code /bets}), over a real socket (the JDK's client): sends commands and
 * keeps every frame it receives, in order, for tests to look at.
 */
public final class LiveClient implements AutoCloseable {

    /** Added to every frame: when this client received it (epoch ms). */
    public static final String RECEIVED_AT = "_receivedAt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();

    private LiveClient(URI uri) throws Exception {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    /** Connects to {@code ws://host:port/live} given the cell's base URL ({@code http://host:port}). */
    public static LiveClient connect(String cellUrl) throws Exception {
        return connect(cellUrl, null);
    }

    public static LiveClient connect(String cellUrl, String brand) throws Exception {
        return connectTo(cellUrl, "/live" + (brand == null ? "" : "?brand=" + brand));
    }

    /** Connects to another websocket of the cell, such as {@code /bets?brand=ACME}. */
    public static LiveClient connectTo(String cellUrl, String pathAndQuery) throws Exception {
        String base = cellUrl.replaceFirst("^http", "ws").replaceAll("/$", "");
        return new LiveClient(URI.create(base + pathAndQuery));
    }

    public void send(String command) throws Exception {
        socket.sendText(command, true).get(5, TimeUnit.SECONDS);
    }

    public void subscribe(String... events) throws Exception {
        send(JSON.writeValueAsString(JSON.createObjectNode().put("op", "subscribe").set("events",
                JSON.valueToTree(List.of(events)))));
    }

    /** Every frame received so far. */
    public List<JsonNode> frames() {
        return new ArrayList<>(frames);
    }

    /** Frames of one type ({@code delta}, {@code snapshot}, ...) so far. */
    public List<JsonNode> frames(String type) {
        List<JsonNode> typed = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (type.equals(frame.path("type").asText())) {
                typed.add(frame);
            }
        }
        return typed;
    }

    /** The first frame so far that matches, or null. */
    public JsonNode find(Predicate<JsonNode> matching) {
        for (JsonNode frame : frames) {
            if (matching.test(frame)) {
                return frame;
            }
        }
        return null;
    }

    /** The close code the server sent, once it closed. */
    public CompletableFuture<Integer> closedWith() {
        return closedWith;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = JSON.readTree(partial.toString());
                    if (frame instanceof ObjectNode) {
                        ((ObjectNode) frame).put(RECEIVED_AT, System.currentTimeMillis());
                    }
                    frames.add(frame);
                } catch (Exception e) {
                    frames.add(JSON.createObjectNode().put("type", "unreadable").put("text", partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith.complete(-1);
        }
    }
}
