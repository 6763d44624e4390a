package io.cellbet.sportsbook.live;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;

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
        hub.open(connection, Vertx.currentContext(), LiveView.RAW);
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
