package io.cellbet.controlplane.brands.application;

import io.cellbet.controlplane.brands.domain.Violation;
import java.util.List;

/** Outcome of creating or changing a brand: saved, or rejected for a named reason. */
public sealed interface BrandResult {

    /** The brand was saved and its change published at {@code brand.configVersion()}. */
    record Saved(Brand brand) implements BrandResult {
    }

    /** Nothing was changed. */
    record Rejected(Reason reason, String detail, List<Violation> violations) implements BrandResult {
    }

    /** Why a brand change was refused. */
    enum Reason {
        INVALID,
        CODE_MISMATCH,
        CODE_TAKEN,
        DOMAIN_TAKEN,
        NOT_FOUND
    }
}
