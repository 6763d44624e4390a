package io.cellbet.contracts.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One configuration change at one global version (message type {@code ConfigChanged}, schema 1).
 * Versions are gapless and commit in order, so a cell that holds version N applies exactly N+1
 * next; anything older is stale, anything newer reveals a gap.
 *
 * <p>Versions count within one config store, named by {@code storeId}. When the control plane's
 * history is replaced (its database restored from a backup, say) it takes a new store id, and a
 * cell holding another store's config replaces it from a snapshot instead of comparing versions
 * that belong to different histories.
 *
 * @param storeId      the config store (history) this version belongs to
 * @param version      the global config version this change created
 * @param kind         what changed, one of {@link ConfigKinds}
 * @param key          which one (a brand's code)
 * @param committedAt  when the control plane committed it
 * @param value        the whole new value of that kind and key (a {@link BrandConfig} for brands)
 */
public record ConfigChanged(UUID storeId, long version, String kind, String key, Instant committedAt, JsonNode value) {

    public static final String TYPE = "ConfigChanged";
    public static final int SCHEMA_VERSION = 1;
}
