package io.cellbet.cell.config.application;

/** What became of a config change delivered to the cell. */
public enum ApplyOutcome {
    /** Applied (with any held-back changes it unblocked). */
    APPLIED,
    /** At or below the applied version: a duplicate or a late redelivery, ignored. */
    STALE,
    /** Ahead of the next expected version: held back until the gap is filled or a snapshot covers it. */
    GAP,
    /** From another config store than the one the cell holds: only a snapshot can reconcile them. */
    OTHER_STORE
}
