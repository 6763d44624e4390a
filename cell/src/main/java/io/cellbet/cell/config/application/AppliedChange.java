package io.cellbet.cell.config.application;

import java.time.Instant;
import java.util.UUID;

/** One config version as this cell applied it: when it was committed centrally, when it was applied here, and how. */
public record AppliedChange(UUID storeId, long version, String kind, String key, Instant committedAt,
        Instant appliedAt, String via) {
}
