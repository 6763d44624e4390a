package io.cellbet.testsupport.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    private EchoServer echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = TcpProxy.start("127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBytesBothWays() throws IOException {
        try (Socket client = connect()) {
            assertEquals("hello", roundTrip(client, "hello"));
            assertEquals("again", roundTrip(client, "again"));
        }
    }

    @Test
    void cutEndsOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        try (Socket open = connect()) {
            assertEquals("before", roundTrip(open, "before"));

            proxy.cut();

            assertConnectionDead(open);
            try (Socket during = connect()) {
                assertConnectionDead(during);
            }
        }

        proxy.restore();

        try (Socket after = connect()) {
            assertEquals("after", roundTrip(after, "after"));
        }
    }

    @Test
    void passesHalfCloseOnSoTheTargetSeesEndOfStream() throws IOException {
        try (Socket client = connect()) {
            client.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();

            assertArrayEquals("bye".getBytes(StandardCharsets.US_ASCII), client.getInputStream().readAllBytes(),
                    "echo replies, sees EOF, closes; the proxy relays all of it");
        }
    }

    @Test
    void closeEndsOpenConnections() throws IOException {
        // Refused connects after close() are not asserted: the freed ephemeral port can be taken
        // by anyone (even a client's own source port), so such a check would be flaky.
        try (Socket open = connect()) {
            assertEquals("before", roundTrip(open, "before"));

            proxy.close();

            assertConnectionDead(open);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(sent);
        socket.getOutputStream().flush();
        byte[] received = socket.getInputStream().readNBytes(sent.length);
        return new String(received, StandardCharsets.US_ASCII);
    }

    /** A dead connection reads EOF or fails with a reset; it never echoes. */
    private static void assertConnectionDead(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write('x');
            out.flush();
            int read = socket.getInputStream().read();
            assertEquals(-1, read, "expected EOF or reset, got a byte");
        } catch (IOException expected) {
            // Reset by the proxy: dead, as required.
        }
    }

    /** Echoes every byte back until the client half-closes, then closes. */
    private static final class EchoServer implements AutoCloseable {

        private final ServerSocket server;

        EchoServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::acceptLoop, "echo-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread handler = new Thread(() -> echo(socket), "echo-handler");
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void echo(Socket socket) {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // Client went away.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
