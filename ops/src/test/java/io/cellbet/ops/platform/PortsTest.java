package io.cellbet.ops.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortLiesBelowTheKernelsOutgoingRangeAndCanBeBound() throws IOException {
        int port = Ports.freePort();

        assertTrue(port >= Ports.FREE_PORT_MIN && port < Ports.localPortRangeStart(), "port " + port);
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
        }
    }

    @Test
    void portWithAListenerIsNotFree() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(0));
            assertFalse(Ports.isFree(socket.getLocalPort()));
        }
    }
}
