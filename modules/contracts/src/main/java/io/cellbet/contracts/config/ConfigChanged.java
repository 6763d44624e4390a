package io.cellbet.contracts.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One configuration change at one global version (message type {@code ConfigChanged}, schema 1).
 * Versions are gapless and commit in order, so a cell that holds version N applies exactly N+1
 * next; anything older is stale, anything newer reveals a gap.
 *
 * @param version      the global config version this change created
 * @param kind         what changed, one of {@link ConfigKinds}
 * @param key          which one (a brand's code)
 * @param committedAt  when the control plane committed it
 * @param value        the whole new value of that kind and key (a {@link BrandConfig} for brands)
 */
public record ConfigChanged(long version, String kind, String key, Instant committedAt, JsonNode value) {

    public static final String TYPE = "ConfigChanged";
    public static final int SCHEMA_VERSION = 1;
}
