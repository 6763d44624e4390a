package io.cellbet.controlplane.risk.domain;

import java.util.Optional;

/**
 * What an exposure figure is about: one outcome (key {@code event/type/specifiers/outcome}), one market
 * ({@code event/type/specifiers}) or one whole event (the event's URN).
 */
public enum ExposureScope {
    OUTCOME("outcome"),
    MARKET("market"),
    EVENT("event");

    private final String wireName;

    ExposureScope(String wireName) {
        this.wireName = wireName;
    }

    /** The name cells send in {@code ExposureChanged} rows and the risk schema stores. */
    public String wireName() {
        return wireName;
    }

    public static Optional<ExposureScope> fromWireName(String name) {
        for (ExposureScope scope : values()) {
            if (scope.wireName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
