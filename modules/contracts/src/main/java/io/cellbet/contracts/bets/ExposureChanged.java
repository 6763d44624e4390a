package io.cellbet.contracts.bets;

import java.time.Instant;
import java.util.List;

/**
 * The cell's exposure on the rows a placement or settlement changed, cell to control plane on
 * {@code platform.cell-events} (routing key {@code cell.<id>.sportsbook.ExposureChanged}). Each row is the cell's
 * whole current figure, so the newest message per row replaces the older ones (compare {@code version}).
 *
 * @param rows  scope {@code outcome} (key {@code event/type/specifiers/outcome}), {@code market}
 *              ({@code event/type/specifiers}) or {@code event}
 */
public record ExposureChanged(String cellId, List<Row> rows, Instant at) {

    public static final String TYPE = "ExposureChanged";
    public static final int SCHEMA_VERSION = 1;
    public static final String AGGREGATE_TYPE = "exposure";

    public record Row(String scope, String key, String currency, long liabilityMinor, long turnoverMinor, long bets,
            long version) {
    }
}
