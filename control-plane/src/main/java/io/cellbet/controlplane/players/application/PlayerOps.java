package io.cellbet.controlplane.players.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.accounts.SetPlayerStatus;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.controlplane.cells.application.Cell;
import io.cellbet.controlplane.cells.application.CellRegistry;
import io.cellbet.controlplane.ops.application.OpsTokens;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Ops on players across cells. Reads go to the player's own cell (found in the directory) over
 * HTTP, so ops see the cell's current truth; a status change is a durable command to that cell
 * ({@code cell.<id>.commands}, through the outbox), applied even if the cell is down right now.
 */
@ApplicationScoped
public class PlayerOps {

    /** What the owning cell answered: its status code and JSON body. */
    public record CellAnswer(int status, JsonNode body) {
    }

    /** The cell could not be asked. */
    public static class CellUnreachable extends RuntimeException {
        public CellUnreachable(String cellId, Throwable cause) {
            super("cell " + cellId + " did not answer: " + cause.getMessage(), cause);
        }
    }

    private final PlayerDirectory directory;
    private final CellRegistry registry;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final OpsTokens opsTokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public PlayerOps(PlayerDirectory directory, CellRegistry registry, Outbox outbox, ObjectMapper json,
            OpsTokens opsTokens) {
        this.opsTokens = opsTokens;
        this.directory = directory;
        this.registry = registry;
        this.outbox = outbox;
        this.json = json;
    }

    /** Asks the player's cell for {@code path} (under {@code /api/accounts/players/<id>}); empty for an unknown player. */
    public Optional<CellAnswer> askCell(UUID playerId, String path) {
        Optional<PlayerDirectory.Entry> entry = directory.find(playerId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String cellId = entry.get().cellId();
        Cell cell = registry.find(cellId).orElseThrow(() -> new CellUnreachable(cellId,
                new IllegalStateException("not in the registry")));
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                    URI.create(cell.baseUrl() + "/api/accounts/players/" + playerId + path))
                    .timeout(Duration.ofSeconds(5)).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + opsTokens.serviceToken()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return Optional.of(new CellAnswer(response.statusCode(), json.readTree(response.body())));
        } catch (IOException e) {
            throw new CellUnreachable(cellId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellUnreachable(cellId, e);
        }
    }

    /** Queues a status change for the player's cell; false for an unknown player. */
    public boolean setStatus(UUID playerId, String status, String actor, String reason) {
        Optional<PlayerDirectory.Entry> entry = directory.find(playerId);
        if (entry.isEmpty()) {
            return false;
        }
        SetPlayerStatus command = new SetPlayerStatus(playerId, status, actor, reason,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        QuarkusTransaction.requiringNew().run(() -> outbox.append(new OutboxMessage(Exchanges.CELL_COMMANDS,
                Exchanges.cellCommandRoutingKey(entry.get().cellId(), SetPlayerStatus.TYPE), "player",
                playerId.toString(), SetPlayerStatus.TYPE, SetPlayerStatus.SCHEMA_VERSION, command, null)));
        return true;
    }
}
