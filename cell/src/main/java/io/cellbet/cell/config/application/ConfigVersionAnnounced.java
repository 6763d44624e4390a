package io.cellbet.cell.config.application;

import java.util.UUID;

/**
 * A config version exists from now on (applied here, or heard of on the broker, perhaps applied by
 * another replica): a CDI event telling every cache of replicated config to drop what it read before.
 */
public record ConfigVersionAnnounced(UUID storeId, long version) {
}
