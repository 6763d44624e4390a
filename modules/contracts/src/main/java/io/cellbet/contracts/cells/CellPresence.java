package io.cellbet.contracts.cells;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a cell reports about itself, on start (message type {@code CellStarted}) and then
 * periodically (type {@code CellHeartbeat}); the control plane's cell registry is built from it.
 * Each report is complete, so a lost or reordered one is repaired by the next.
 *
 * @param cellId                the cell's id
 * @param region                where it runs
 * @param baseUrl               its public base URL
 * @param brands                brand codes it serves; empty means every brand
 * @param configStoreId         the config store its applied version belongs to (null before its first sync)
 * @param appliedConfigVersion  the config version it has applied
 * @param startedAt             when this process started
 * @param reportedAt            when this report was written
 */
public record CellPresence(
        String cellId,
        String region,
        String baseUrl,
        List<String> brands,
        UUID configStoreId,
        long appliedConfigVersion,
        Instant startedAt,
        Instant reportedAt) {

    public static final String STARTED = "CellStarted";
    public static final String HEARTBEAT = "CellHeartbeat";
    public static final int SCHEMA_VERSION = 1;
}
