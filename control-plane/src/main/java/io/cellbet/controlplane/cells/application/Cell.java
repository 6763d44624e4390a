package io.cellbet.controlplane.cells.application;

import java.time.Instant;
import java.util.List;

/** A cell as the registry knows it; {@code status} is {@code up} or {@code down} by the age of its last report. */
public record Cell(
        String id,
        String region,
        String baseUrl,
        List<String> brands,
        String status,
        long appliedConfigVersion,
        Instant startedAt,
        Instant lastSeenAt,
        Instant registeredAt) {
}
