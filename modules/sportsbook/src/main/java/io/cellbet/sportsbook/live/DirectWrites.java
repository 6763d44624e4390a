package io.cellbet.sportsbook.live;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.net.impl.ConnectionBase;
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
    private static final String WRAPPER = "io.vertx.ext.web.impl.ServerWebSocketWrapper";
    private static volatile Field field;
    private static volatile Field delegateField;
    private static volatile boolean unavailable;

    private DirectWrites() {
    }

    /**
     * The connection's Vert.x websocket, or null when it cannot be reached. Vert.x Web's wrapper around it is looked
     * through: on the fan-out path each object between the session and the socket is one more cache miss per client.
     * The socket's HTTP idle timeout is dropped too (see {@link #dropIdleTimeout}).
     */
    static ServerWebSocket socket(WebSocketConnection connection) {
        ServerWebSocket socket = wrapped(connection);
        if (socket == null) {
            return null;
        }
        socket = unwrapped(socket);
        dropIdleTimeout(socket);
        return socket;
    }

    /**
     * Vert.x Web hands websockets-next a {@code ServerWebSocketWrapper} that only delegates; the socket inside it, or
     * the wrapper itself when that cannot be read (slower by one indirection, still correct).
     */
    static ServerWebSocket unwrapped(ServerWebSocket socket) {
        if (!socket.getClass().getName().equals(WRAPPER)) {
            return socket;
        }
        try {
            Field found = delegateField;
            if (found == null) {
                found = socket.getClass().getDeclaredField("delegate");
                found.setAccessible(true);
                delegateField = found;
            }
            Object inner = found.get(socket);
            return inner instanceof ServerWebSocket unwrapped ? unwrapped : socket;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return socket;
        }
    }

    /**
     * Removes the HTTP server's idle-timeout handler from the socket's pipeline. That handler adds a listener to every
     * write (to see the connection is not idle), which on the fan-out path is a promise and a callback per frame per
     * client. A live socket needs no idle timeout: the session sends a heartbeat whenever it was quiet for the
     * heartbeat interval, and websockets-next pings it, so writes alone keep it busy, and a dead peer fails a write.
     */
    static void dropIdleTimeout(ServerWebSocket socket) {
        if (socket instanceof WebSocketImplBase<?> vertxSocket
                && vertxSocket.connection() instanceof ConnectionBase connection) {
            ChannelPipeline pipeline = connection.channel().pipeline();
            if (pipeline.get(IdleStateHandler.class) != null) {
                pipeline.remove(IdleStateHandler.class);
            }
        }
    }

    private static ServerWebSocket wrapped(WebSocketConnection connection) {
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
