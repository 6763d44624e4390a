package io.cellbet.controlplane.risk.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The platform's exposure on one outcome, market or event in one currency: the latest figures of every
 * cell that reported it, summed.
 *
 * @param eventId    the event the key belongs to (the key itself for an event)
 * @param cellCount  how many cells reported the key in this currency
 * @param updatedAt  when the most recently changed of those figures was taken in
 * @param cells      each cell's figures, largest liability first; absent unless asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExposureTotal(String key, String eventId, String currency, long liabilityMinor, long turnoverMinor,
        long bets, int cellCount, Instant updatedAt, List<CellExposure> cells) {

    /** One cell's latest figures on the key, as it sent them, and the version they carry. */
    public record CellExposure(String cellId, long liabilityMinor, long turnoverMinor, long bets, long version,
            Instant reportedAt, Instant updatedAt) {
    }
}
