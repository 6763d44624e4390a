package io.cellbet.sportsbook.live;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Writes one change's frame, encoded once, to thousands of sockets. websockets-next's {@code sendText} encodes the
 * text again for every client and wraps every write in a Uni; on the fan-out path that cost a third of this box's
 * capacity (ops/bench feed: 80,000 msgs/s held against the bare Vert.x server's 120,000). So the hot path writes
 * the frame, encoded once with its header, straight to the channel under the connection's Vert.x
 * {@link ServerWebSocket}, which websockets-next keeps in a private field; everything else (handshake, commands,
 * close, pings) stays with websockets-next.
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
        Channel channel = channel(socket);
        if (channel != null) {
            ChannelPipeline pipeline = channel.pipeline();
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

    /** The socket's Netty channel, or null when it cannot be reached. */
    static Channel channel(ServerWebSocket socket) {
        return socket instanceof WebSocketImplBase<?> vertxSocket
                && vertxSocket.connection() instanceof ConnectionBase connection ? connection.channel() : null;
    }

    /**
     * A text frame as it goes on the wire, encoded once for every socket: a server's frames are not masked, so the
     * same header and text go to each. A direct buffer, so the kernel copies it straight from there; writes cannot
     * release it (each gets its own view), and it is freed with the frame by the garbage collector.
     */
    static ByteBuf wire(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        ByteBuffer frame = ByteBuffer.allocateDirect((length < 126 ? 2 : length < 65_536 ? 4 : 10) + length);
        frame.put((byte) 0x81); // FIN, text
        if (length < 126) {
            frame.put((byte) length);
        } else if (length < 65_536) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        frame.put(payload).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame));
    }

    /**
     * Writes a frame from {@link #wire} to the channel, past Vert.x's socket and Netty's frame encoder (a frame already
     * encoded needs neither); {@code written} hears when it left. On the socket's event loop only: there the write
     * takes its turn after every frame Vert.x wrote before it.
     */
    static void write(Channel channel, ByteBuf wire, ChannelFutureListener written) {
        channel.writeAndFlush(wire.duplicate(), channel.newPromise().addListener(written));
    }

    /** The same, without the flush: the frame waits on the channel for the next {@code channel.flush()}. */
    static void queue(Channel channel, ByteBuf wire, ChannelFutureListener written) {
        channel.write(wire.duplicate(), channel.newPromise().addListener(written));
    }
}
