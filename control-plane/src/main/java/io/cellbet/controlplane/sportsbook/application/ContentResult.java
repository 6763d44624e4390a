package io.cellbet.controlplane.sportsbook.application;

import io.cellbet.controlplane.sportsbook.domain.ContentViolation;
import java.util.List;

/** Outcome of changing a brand's sportsbook content: saved, or rejected for a named reason. */
public sealed interface ContentResult {

    /** Saved and published at {@code content.configVersion()} (unchanged when the edit changed nothing). */
    record Saved(StoredContent content) implements ContentResult {
    }

    /** Nothing was changed. */
    record Rejected(Reason reason, String detail, List<ContentViolation> violations) implements ContentResult {
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
