package io.cellbet.controlplane.sportsbook.application;

import java.math.BigDecimal;

/** Bodies of the single-edit endpoints of the content manager. */
public final class ContentEdits {

    private ContentEdits() {
    }

    /**
     * A sport shown or hidden, and its margin.
     *
     * @param marginPercent percentage points; {@code null} or absent removes the sport's margin
     */
    public record SportEdit(Boolean enabled, BigDecimal marginPercent) {
    }

    /**
     * An event shown or hidden, featured or not.
     *
     * @param featured absent leaves the event's featured mark as it is
     */
    public record EventEdit(Boolean enabled, Boolean featured) {
    }

    /** A market type, or one market, shown or hidden. */
    public record Toggle(Boolean enabled) {
    }
}
