package io.cellbet.ops.system;

import io.cellbet.feed.api.uof.FeedMessage;
import io.cellbet.feed.api.uof.FeedWriter;
import io.cellbet.feed.api.uof.RoutingKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/** What the system tests need to script the odds provider simulator: its replay lines, and free ports. */
final class SimulatorScript {

    private static final FeedWriter XML = new FeedWriter();

    private SimulatorScript() {
    }

    /** One replay line: the message's routing key, a tab, and its UOF XML on one line. */
    static String line(FeedMessage.EventMessage message) {
        String key = RoutingKey.forEvent(message, true, true, 1).toString();
        return key + "\t" + new String(XML.write(message), StandardCharsets.UTF_8).replace("\n", " ");
    }

    /** A port nothing listens on right now, for a server the test starts. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
