package io.cellbet.contracts.config;

import java.util.List;

/**
 * The whole configuration as of one version: for every kind and key, its latest change at or
 * before that version. Served by the control plane at {@code GET /api/config/snapshot}.
 */
public record ConfigSnapshot(long version, List<ConfigChanged> entries) {
}
