package io.cellbet.wallet.api;

import java.util.List;

/**
 * Statement lines, newest first.
 *
 * @param nextBefore  pass as {@code before} to read the next (older) page; {@code null} at the end
 */
public record StatementPage(long accountId, List<StatementLine> lines, Long nextBefore) {

    /** Largest page a caller may ask for. */
    public static final int LIMIT_MAX = 200;
}
