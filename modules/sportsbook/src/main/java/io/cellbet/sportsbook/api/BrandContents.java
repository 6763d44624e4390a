package io.cellbet.sportsbook.api;

import io.cellbet.contracts.config.SportsbookContent;

/**
 * Each brand's sportsbook content overrides (hidden sports, events, market types and markets,
 * margins per sport, featured events) as the control plane's content manager set them. The
 * sportsbook applies them over the feed; the cell app implements this from its replicated config.
 */
public interface BrandContents {

    /** The brand's overrides; {@link SportsbookContent#NONE} when it has none (or is unknown). */
    SportsbookContent content(String brandCode);

    /** Whether this cell holds the brand at all. */
    boolean knows(String brandCode);
}
