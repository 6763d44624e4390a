package io.cellbet.testsupport.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 whose wire a test can cut and restore, to exercise reconnects against
 * a real broker or database instead of mocks.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int BUFFER_SIZE = 16 * 1024;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger linkCounter = new AtomicInteger();
    private final Object lock = new Object();
    private boolean cut;
    private boolean closed;

    private TcpProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
    }

    /** Listens on a free loopback port and forwards every accepted connection to the target. */
    public static TcpProxy start(String targetHost, int targetPort) {
        ServerSocket server;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open proxy port", e);
        }
        TcpProxy proxy = new TcpProxy(new InetSocketAddress(targetHost, targetPort), server);
        Thread acceptor = new Thread(proxy::acceptLoop, "tcp-proxy-" + proxy.port() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** Returns the loopback port clients should connect to instead of the target. */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * Resets every open connection and refuses new ones (accepted, then reset at once) until
     * {@link #restore()}; a reset rather than a clean close mimics a dead peer or network.
     */
    public void cut() {
        List<Link> dropped;
        synchronized (lock) {
            cut = true;
            dropped = new ArrayList<>(links);
            links.clear();
        }
        dropped.forEach(Link::abort);
    }

    /** Lets new connections through again; connections cut earlier stay dead. */
    public void restore() {
        synchronized (lock) {
            cut = false;
        }
    }

    /** Stops listening and resets every open connection. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway; nothing more to release.
        }
        cut();
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // server socket closed
            }
            if (isCut()) {
                abort(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                // Target down: the client sees its connection reset, as it would without a proxy.
                abort(upstream);
                abort(client);
                continue;
            }
            Link link = new Link(client, upstream);
            synchronized (lock) {
                // cut() may have run while we were connecting upstream.
                if (cut || closed) {
                    link.abort();
                    continue;
                }
                links.add(link);
            }
            link.start(port() + "-" + linkCounter.incrementAndGet());
        }
    }

    private boolean isCut() {
        synchronized (lock) {
            return cut || closed;
        }
    }

    private static void abort(Socket socket) {
        try {
            // Linger 0 makes close() send RST instead of FIN.
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Unconnected or already closed: plain close is all we can do.
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Already gone.
        }
    }

    /** One proxied connection: a pump thread per direction. */
    private final class Link {

        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger openDirections = new AtomicInteger(2);

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start(String name) {
            startPump(client, upstream, "tcp-proxy-" + name + "-out");
            startPump(upstream, client, "tcp-proxy-" + name + "-in");
        }

        private void startPump(Socket from, Socket to, String name) {
            Thread thread = new Thread(() -> pump(from, to), name);
            thread.setDaemon(true);
            thread.start();
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[BUFFER_SIZE];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
                // Pass the half-close on, so a peer that shuts down its output is seen as such.
                to.shutdownOutput();
                if (openDirections.decrementAndGet() == 0) {
                    closeQuietly();
                }
            } catch (IOException e) {
                // Either side failed (or cut() reset us): the whole connection is over.
                abort();
            }
        }

        void abort() {
            links.remove(this);
            TcpProxy.abort(client);
            TcpProxy.abort(upstream);
        }

        private void closeQuietly() {
            links.remove(this);
            try {
                client.close();
            } catch (IOException e) {
                // Already gone.
            }
            try {
                upstream.close();
            } catch (IOException e) {
                // Already gone.
            }
        }
    }
}
