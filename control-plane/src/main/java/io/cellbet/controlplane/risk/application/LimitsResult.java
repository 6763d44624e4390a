package io.cellbet.controlplane.risk.application;

import io.cellbet.controlplane.risk.domain.LimitViolation;
import java.util.List;

/** Outcome of replacing a brand's bet limits: saved, or rejected for a named reason. */
public sealed interface LimitsResult {

    /** Saved and published at {@code limits.configVersion()} (unchanged when the change changed nothing). */
    record Saved(StoredLimits limits) implements LimitsResult {
    }

    /** Nothing was changed. */
    record Rejected(Reason reason, String detail, List<LimitViolation> violations) implements LimitsResult {
    }

    /** Why a change was refused. */
    enum Reason {
        /** Broke a rule; each violation names its own problem code. */
        INVALID,
        BRAND_NOT_FOUND,
        /** The client's {@code configVersion} is not the stored one: it would overwrite a change it has not seen. */
        VERSION_MISMATCH
    }
}
