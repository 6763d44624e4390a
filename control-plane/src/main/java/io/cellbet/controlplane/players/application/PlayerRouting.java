package io.cellbet.controlplane.players.application;

import io.cellbet.controlplane.cells.application.Cell;
import io.cellbet.controlplane.cells.application.CellRegistry;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Places a brand's new players on cells. The candidates are the cells that are up, serve the
 * brand, are open to new players, have a weight above zero, and hold fewer players than their
 * capacity (when one is set); with a region hint, the candidates of that region when there are
 * any. Among them the cell with the fewest players routed per unit of weight is chosen and its
 * count raised in the same transaction, so concurrent routes spread by weight even before any
 * registration reaches the directory.
 */
@ApplicationScoped
public class PlayerRouting {

    /** A cell's routing settings. */
    public record Settings(String cellId, int weight, boolean closedToNewPlayers, Integer capacity, long routed) {
    }

    /** Where a new player goes. */
    public record Route(String cellId, String baseUrl, String region) {
    }

    private final Sql sql;
    private final CellRegistry registry;
    private final PlayerDirectory directory;

    public PlayerRouting(Sql sql, CellRegistry registry, PlayerDirectory directory) {
        this.sql = sql;
        this.registry = registry;
        this.directory = directory;
    }

    public Optional<Route> route(String brand, String regionHint) {
        List<Cell> serving = registry.list().stream()
                .filter(cell -> "up".equals(cell.status()))
                .filter(cell -> cell.brands().isEmpty() || cell.brands().contains(brand))
                .toList();
        if (serving.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Cell> byId = serving.stream().collect(Collectors.toMap(Cell::id, Function.identity()));
        return QuarkusTransaction.requiringNew().call(() -> {
            for (Cell cell : serving) {
                sql.update("INSERT INTO players.cell_routing (cell_id) VALUES (?) ON CONFLICT DO NOTHING", cell.id());
            }
            List<Settings> open = sql.list("SELECT * FROM players.cell_routing WHERE cell_id = ANY(?) "
                    + "ORDER BY cell_id FOR UPDATE", PlayerRouting::settings,
                    (Object) byId.keySet().toArray(String[]::new)).stream()
                    .filter(settings -> !settings.closedToNewPlayers() && settings.weight() > 0)
                    .filter(settings -> settings.capacity() == null
                            || directory.playersIn(settings.cellId()) < settings.capacity())
                    .toList();
            List<Settings> inRegion = regionHint == null ? List.of() : open.stream()
                    .filter(settings -> regionHint.equals(byId.get(settings.cellId()).region())).toList();
            Optional<Settings> chosen = (inRegion.isEmpty() ? open : inRegion).stream()
                    .min(Comparator.comparingDouble((Settings settings) -> (settings.routed() + 1.0) / settings.weight())
                            .thenComparing(Settings::cellId));
            chosen.ifPresent(settings -> sql.update("UPDATE players.cell_routing SET routed = routed + 1 "
                    + "WHERE cell_id = ?", settings.cellId()));
            return chosen.map(settings -> {
                Cell cell = byId.get(settings.cellId());
                return new Route(cell.id(), cell.baseUrl(), cell.region());
            });
        });
    }

    public Settings settings(String cellId) {
        return sql.one("SELECT * FROM players.cell_routing WHERE cell_id = ?", PlayerRouting::settings, cellId)
                .orElse(new Settings(cellId, 1, false, null, 0));
    }

    /** Sets a cell's routing; the count of players routed so far is kept. */
    public Settings configure(String cellId, int weight, boolean closedToNewPlayers, Integer capacity) {
        return QuarkusTransaction.requiringNew().call(() -> sql.one("""
                INSERT INTO players.cell_routing (cell_id, weight, closed_to_new_players, capacity, updated_at)
                VALUES (?, ?, ?, ?, now())
                ON CONFLICT (cell_id) DO UPDATE SET weight = EXCLUDED.weight,
                    closed_to_new_players = EXCLUDED.closed_to_new_players, capacity = EXCLUDED.capacity,
                    updated_at = now()
                RETURNING *""", PlayerRouting::settings, cellId, weight, closedToNewPlayers, capacity).orElseThrow());
    }

    private static Settings settings(java.sql.ResultSet row) throws java.sql.SQLException {
        Integer capacity = row.getObject("capacity", Integer.class);
        return new Settings(row.getString("cell_id"), row.getInt("weight"), row.getBoolean("closed_to_new_players"),
                capacity, row.getLong("routed"));
    }
}
