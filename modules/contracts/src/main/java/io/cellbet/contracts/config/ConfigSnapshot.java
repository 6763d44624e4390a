package io.cellbet.contracts.config;

import java.util.List;
import java.util.UUID;

/**
 * The whole configuration as of one version: for every kind and key, its latest change at or
 * before that version, in store {@code storeId}. Served by the control plane at
 * {@code GET /api/config/snapshot}.
 */
public record ConfigSnapshot(UUID storeId, long version, List<ConfigChanged> entries) {
}
