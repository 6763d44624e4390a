package io.cellbet.sportsbook.catalog;

import io.cellbet.sportsbook.api.EventChanged;
import java.util.List;

/**
 * Catalog changes one transaction of this replica committed, in the order it made them; fired on the committing
 * thread right after the commit. The same changes reach every replica, this one too, on {@code cell.live}.
 */
public record CatalogCommitted(List<EventChanged> changes) {
}
