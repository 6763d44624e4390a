package io.cellbet.ops.bench.feed;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The physical limit of a websocket fan-out on this machine: a bare Vert.x core server (no Quarkus, no Cellbet code)
 * that accepts {@code /live} websockets, answers a subscribe frame with {@code {"type":"subscribed"}} and broadcasts
 * delta frames shaped and sized like the cell's ({@code {"type":"delta","event":...,"seq":...,"ts":...,
 * "markets":[...]}}) to every subscribed socket. Each message is serialised once and the same bytes are written to
 * every socket, from the event loop that owns it: one event loop per core, each writing to its own share.
 *
 * <p>Run as its own JVM, like a cell: {@code java -cp ... BareBroadcastServer --port=0 --event-loops=2
 * --message-bytes=230}. It prints {@code LISTENING <port>} once ready. Control over HTTP on the same port:
 * {@code POST /control/rate?perSecond=12} sets the broadcast rate (messages per second to every socket, 0 stops),
 * {@code GET /control/stats} answers {@code {"sockets":..,"subscribed":..,"broadcasts":..}}.
 */
public final class BareBroadcastServer implements AutoCloseable {

    /** The websocket path, the cell's. */
    public static final String PATH = "/live";
    /** Smallest message size asked for: a delta of one market with three outcomes, up to a 10-digit seq. */
    static final int MIN_MESSAGE_BYTES = 185;
    private static final int EVENTS = 10;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Vertx vertx;
    private final List<Shard> shards = new CopyOnWriteArrayList<>();
    private final int messageBytes;
    private final AtomicLong broadcasts = new AtomicLong();
    private final Thread pacer;
    private volatile double ratePerSecond;
    private volatile boolean closed;
    private int port;

    private BareBroadcastServer(int eventLoops, int messageBytes, boolean nativeTransport) {
        this.messageBytes = messageBytes;
        this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(nativeTransport)
                .setEventLoopPoolSize(eventLoops)
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.pacer = new Thread(this::pace, "bare-broadcast-pacer");
        this.pacer.setDaemon(true);
    }

    /** Starts a server with {@code eventLoops} event loops (one server instance on each) on {@code port} (0: any). */
    public static BareBroadcastServer start(int port, int eventLoops, int messageBytes) throws Exception {
        return start(port, eventLoops, messageBytes, true);
    }

    /** The same, on Linux epoll when {@code nativeTransport} and available, else on Java NIO. */
    public static BareBroadcastServer start(int port, int eventLoops, int messageBytes, boolean nativeTransport)
            throws Exception {
        if (eventLoops < 1 || messageBytes < MIN_MESSAGE_BYTES) {
            throw new IllegalArgumentException("Need event loops >= 1 and message bytes >= " + MIN_MESSAGE_BYTES);
        }
        BareBroadcastServer server = new BareBroadcastServer(eventLoops, messageBytes, nativeTransport);
        try {
            // Every instance listens on the same port and Vert.x shares it (connections go round-robin to the event
            // loops). Port 0 would give each instance a port of its own, so a free one is chosen first.
            int chosen = port != 0 ? port : freePort();
            server.vertx.deployVerticle(() -> new Shard(server, chosen),
                    new DeploymentOptions().setInstances(eventLoops))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            server.port = chosen;
        } catch (Exception e) {
            server.close();
            throw e;
        }
        server.pacer.start();
        return server;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** Messages per second broadcast to every subscribed socket; 0 stops. */
    public void rate(double perSecond) {
        if (perSecond < 0 || Double.isNaN(perSecond)) {
            throw new IllegalArgumentException("rate must be >= 0, was " + perSecond);
        }
        this.ratePerSecond = perSecond;
        LockSupport.unpark(pacer);
    }

    /** Messages broadcast so far (each to every socket subscribed at the time). */
    public long broadcasts() {
        return broadcasts.get();
    }

    /** Sockets that sent a subscribe frame and are still open. */
    public int subscribed() {
        int count = 0;
        for (Shard shard : shards) {
            count += shard.subscribedCount;
        }
        return count;
    }

    /** Open websockets, subscribed or not. */
    public int sockets() {
        int count = 0;
        for (Shard shard : shards) {
            count += shard.socketCount;
        }
        return count;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(pacer);
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("bare server: close: " + e);
        }
    }

    /**
     * The message sent at {@code ts} (epoch ms): a delta of one market with three outcomes, padded with spaces
     * before the closing brace to {@code bytes} (JSON allows that whitespace), so its size matches the cell's;
     * never shorter than its content.
     */
    static byte[] message(long seq, long ts, int bytes) {
        String event = "sr:match:" + (1 + seq % EVENTS);
        String json = String.format(Locale.ROOT, "{\"type\":\"delta\",\"event\":\"%s\",\"seq\":%d,\"ts\":%d,"
                + "\"markets\":[{\"typeId\":1,\"outcomes\":[{\"id\":\"1\",\"odds\":%d.%02d},"
                + "{\"id\":\"2\",\"odds\":3.40},{\"id\":\"3\",\"odds\":4.20}]}]", event, seq, ts, 1 + seq % 3,
                seq % 100);
        StringBuilder out = new StringBuilder(Math.max(bytes, json.length() + 1)).append(json);
        while (out.length() < bytes - 1) {
            out.append(' ');
        }
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends messages at the set rate: message i of a rate is due at {@code start + i / rate}. */
    private void pace() {
        long seq = 0;
        double rate = 0;
        long startNanos = 0;
        long sentAtRate = 0;
        while (!closed) {
            double current = ratePerSecond;
            if (current != rate) {
                rate = current;
                startNanos = System.nanoTime();
                sentAtRate = 0;
            }
            if (rate <= 0) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            long dueNanos = startNanos + (long) (sentAtRate * 1e9 / rate);
            long waitNanos = dueNanos - System.nanoTime();
            if (waitNanos > 0) {
                LockSupport.parkNanos(Math.min(waitNanos, IDLE_PARK_NANOS));
                continue;
            }
            Buffer message = Buffer.buffer(message(++seq, System.currentTimeMillis(), messageBytes));
            for (Shard shard : shards) {
                shard.context.runOnContext(ignored -> shard.broadcast(message));
            }
            broadcasts.incrementAndGet();
            sentAtRate++;
        }
    }

    /** One HTTP server instance on one event loop, owning the sockets it accepted. */
    private static final class Shard extends AbstractVerticle {

        private final BareBroadcastServer server;
        private final int requestedPort;
        private final List<ServerWebSocket> subscribed = new ArrayList<>();
        private Context context;
        private volatile int subscribedCount;
        private volatile int socketCount;

        Shard(BareBroadcastServer server, int requestedPort) {
            this.server = server;
            this.requestedPort = requestedPort;
        }

        @Override
        public void start(Promise<Void> started) {
            context = vertx.getOrCreateContext();
            HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(requestedPort)
                    .setTcpNoDelay(true).setAcceptBacklog(4096).setIdleTimeout(0);
            vertx.createHttpServer(options)
                    .webSocketHandler(this::accept)
                    .requestHandler(this::control)
                    .listen()
                    .onSuccess(http -> {
                        server.shards.add(this);
                        started.complete();
                    })
                    .onFailure(started::fail);
        }

        private void accept(ServerWebSocket socket) {
            if (!PATH.equals(socket.path())) {
                socket.reject(404);
                return;
            }
            socketCount++;
            boolean[] isSubscribed = {false};
            socket.textMessageHandler(text -> {
                if (!isSubscribed[0] && text.contains("\"op\":\"subscribe\"")) {
                    isSubscribed[0] = true;
                    subscribed.add(socket);
                    subscribedCount = subscribed.size();
                    socket.writeTextMessage("{\"type\":\"subscribed\",\"events\":" + EVENTS + "}");
                }
            });
            socket.closeHandler(ignored -> {
                socketCount--;
                if (isSubscribed[0]) {
                    subscribed.remove(socket);
                    subscribedCount = subscribed.size();
                }
            });
            socket.exceptionHandler(ignored -> { });
        }

        /** Writes the same bytes to every subscribed socket of this event loop, as one text frame each. */
        private void broadcast(Buffer message) {
            for (int i = 0; i < subscribed.size(); i++) {
                // Vert.x's public API has no text frame from bytes; each frame gets its own view of the one copy.
                subscribed.get(i).writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, message.getByteBuf(),
                        true));
            }
        }

        private void control(HttpServerRequest request) {
            String path = request.path();
            if (path.equals("/control/rate") && request.method().name().equals("POST")) {
                try {
                    server.rate(Double.parseDouble(request.getParam("perSecond")));
                    request.response().setStatusCode(204).end();
                } catch (RuntimeException e) {
                    request.response().setStatusCode(400).end(String.valueOf(e.getMessage()));
                }
            } else if (path.equals("/control/stats")) {
                request.response().putHeader("content-type", "application/json").end(String.format(Locale.ROOT,
                        "{\"sockets\":%d,\"subscribed\":%d,\"broadcasts\":%d}", server.sockets(),
                        server.subscribed(), server.broadcasts()));
            } else {
                request.response().setStatusCode(404).end();
            }
        }
    }

    /** {@code --port=0 --event-loops=<cores> --message-bytes=230 --native-transport=true}; prints the port. */
    public static void main(String[] args) throws Exception {
        int port = 0;
        int eventLoops = Runtime.getRuntime().availableProcessors();
        int messageBytes = 230;
        double rate = 0;
        boolean nativeTransport = true;
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value = equals < 0 ? "" : arg.substring(equals + 1);
            switch (name) {
                case "--port":
                    port = Integer.parseInt(value);
                    break;
                case "--event-loops":
                    eventLoops = Integer.parseInt(value);
                    break;
                case "--message-bytes":
                    messageBytes = Integer.parseInt(value);
                    break;
                case "--native-transport":
                    nativeTransport = Boolean.parseBoolean(value);
                    break;
                case "--rate":
                    rate = Double.parseDouble(value);
                    break;
                default:
                    System.err.println("Unknown option " + arg
                            + "; options: --port=0 --event-loops=N --message-bytes=230 --native-transport=true"
                            + " --rate=0");
                    System.exit(2);
            }
        }
        BareBroadcastServer server = start(port, eventLoops, messageBytes, nativeTransport);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bare-broadcast-shutdown"));
        server.rate(rate);
        System.err.println("bare server: " + eventLoops + " event loops, native transport "
                + server.vertx.isNativeTransportEnabled() + ", " + messageBytes + "-byte messages");
        System.out.println("LISTENING " + server.port());
        System.out.flush();
        // Runs until killed (SIGTERM from the bench): the event loops and the pacer do the work.
        Thread.currentThread().join();
    }
}
