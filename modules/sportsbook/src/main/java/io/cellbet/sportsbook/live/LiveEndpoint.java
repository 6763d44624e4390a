package io.cellbet.sportsbook.live;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code ws://<cell>/live}: live odds for players. Every callback runs on the connection's event loop, where its
 * session lives (see {@link LiveSession}); the protocol is in the README.
 */
@WebSocket(path = "/live")
public class LiveEndpoint {

    private final LiveHub hub;

    public LiveEndpoint(LiveHub hub) {
        this.hub = hub;
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection) {
        hub.open(connection, Vertx.currentContext(), brand(connection.handshakeRequest().query()));
    }

    /** The {@code brand} query parameter, or null. */
    public static String brand(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("brand=")) {
                return URLDecoder.decode(pair.substring("brand=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @OnTextMessage
    @NonBlocking
    public void command(WebSocketConnection connection, String text) {
        hub.command(connection, text);
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        hub.closed(connection);
    }
}
