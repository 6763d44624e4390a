package io.cellbet.sportsbook.bets.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.accounts.api.PlayerSessions;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.sportsbook.live.LiveEndpoint;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import java.util.UUID;

/**
 * {@code ws://<cell>/bets?brand=<code>}: the logged-in player's bet status changes. The first frame authenticates,
 * {@code {"type":"auth","token":"<access token>"}} (a browser cannot set headers on a websocket, and a token in the
 * URL would be logged), answered {@code {"type":"authenticated"}}; then every change of the player's bets arrives as
 * {@code {"type":"bet","betId","status","reason","paidMinor","at"}}. A bad first frame closes with 4401.
 */
@WebSocket(path = "/bets")
public class BetsEndpoint {

    static final UserData.TypedKey<String> PLAYER_KEY = UserData.TypedKey.forString("player");

    private final PlayerSessions sessions;
    private final BetPushes pushes;
    private final ObjectMapper json;

    public BetsEndpoint(PlayerSessions sessions, BetPushes pushes, ObjectMapper json) {
        this.sessions = sessions;
        this.pushes = pushes;
        this.json = json;
    }

    @OnTextMessage
    @Blocking
    public String command(WebSocketConnection connection, String text) {
        if (connection.userData().get(PLAYER_KEY) != null) {
            return "{\"type\":\"error\",\"code\":\"ALREADY_AUTHENTICATED\"}";
        }
        try {
            JsonNode frame = json.readTree(text);
            if (!"auth".equals(frame.path("type").asText()) || !frame.path("token").isTextual()) {
                throw new IllegalArgumentException("the first frame is {\"type\":\"auth\",\"token\":...}");
            }
            String brand = LiveEndpoint.brand(connection.handshakeRequest().query());
            UUID player = sessions.authenticatedPlayer(brand, "Bearer " + frame.get("token").asText());
            connection.userData().put(PLAYER_KEY,
                    player.toString());
            pushes.register(player, connection);
            return "{\"type\":\"authenticated\",\"playerId\":\"" + player + "\"}";
        } catch (ProblemException | IllegalArgumentException | JsonProcessingException e) {
            connection.close(new CloseReason(4401, "authentication failed"))
                    .subscribe().with(done -> { }, failure -> { });
            return null;
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        String player = connection.userData().get(PLAYER_KEY);
        if (player != null) {
            pushes.unregister(UUID.fromString(player), connection);
        }
    }
}
