package io.cellbet.controlplane.risk.application;

import io.cellbet.controlplane.risk.domain.ExposureScope;

/**
 * What the risk view asks for: the figures of one scope summed over cells, largest liability first.
 *
 * @param currency  only this currency; {@code null} for all
 * @param eventId   only keys of this event; {@code null} for all
 * @param limit     most totals, 1 to {@link Exposures#TOTALS_MAX}
 * @param byCell    whether each total lists the figures of the cells it sums
 */
public record ExposureQuery(ExposureScope scope, String currency, String eventId, int limit, boolean byCell) {

    public ExposureQuery {
        if (limit < 1 || limit > Exposures.TOTALS_MAX) {
            throw new IllegalArgumentException("limit " + limit + " is not from 1 to " + Exposures.TOTALS_MAX);
        }
    }
}
