package io.cellbet.sportsbook.live;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.lang.reflect.Field;
import org.jboss.logging.Logger;

/**
 * Writes one change's frame, encoded once, to thousands of sockets. websockets-next's {@code sendText} encodes the
 * text again for every client and wraps every write in a Uni; on the fan-out path that cost a third of this box's
 * capacity (ops/bench feed: 80,000 msgs/s held against the bare Vert.x server's 120,000). So the hot path writes
 * the same bytes straight to the connection's Vert.x {@link ServerWebSocket}, which websockets-next keeps in a
 * private field; everything else (handshake, commands, close, pings) stays with websockets-next.
 *
 * <p>Should a Quarkus upgrade move that field, {@link #socket} answers null, the sessions fall back to
 * {@code sendText} (correct, slower), a warning says so, and {@code LiveOddsTest} fails on
 * {@link LiveHub#writesDirectly()}.
 */
final class DirectWrites {

    private static final Logger LOG = Logger.getLogger(DirectWrites.class);
    private static volatile Field field;
    private static volatile boolean unavailable;

    private DirectWrites() {
    }

    /** The connection's Vert.x websocket, or null when it cannot be reached. */
    static ServerWebSocket socket(WebSocketConnection connection) {
        if (unavailable) {
            return null;
        }
        try {
            Field found = field;
            if (found == null || found.getDeclaringClass() != connection.getClass()) {
                found = connection.getClass().getDeclaredField("webSocket");
                if (!ServerWebSocket.class.isAssignableFrom(found.getType())) {
                    throw new NoSuchFieldException("webSocket is a " + found.getType());
                }
                found.setAccessible(true);
                field = found;
            }
            return (ServerWebSocket) found.get(connection);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!connection.getClass().getName().startsWith("io.quarkus")) {
                return null;
            }
            unavailable = true;
            LOG.warnf("live frames go through websockets-next's sendText, one encoding per client: %s", e);
            return null;
        }
    }

    /** The frame, as a text frame sharing the encoded bytes (no copy, no encoding). */
    static Future<Void> write(ServerWebSocket socket, Buffer bytes) {
        return socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes.getByteBuf(), true));
    }
}
