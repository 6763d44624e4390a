package io.cellbet.contracts.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * Control plane to the player's cell, on {@code platform.cell-commands} (routing key
 * {@code cell.<cellId>.SetPlayerStatus}): ops suspend or reinstate a player. The cell records
 * {@code actor} and {@code reason} in the player's audit trail; a suspension ends the player's sessions.
 *
 * @param status  {@code suspended} or {@code active}
 * @param actor   who asked, {@code ops:<name>}
 */
public record SetPlayerStatus(UUID playerId, String status, String actor, String reason, Instant requestedAt) {

    public static final String TYPE = "SetPlayerStatus";
    public static final int SCHEMA_VERSION = 1;
}
