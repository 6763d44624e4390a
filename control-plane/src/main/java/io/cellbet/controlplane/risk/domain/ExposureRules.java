package io.cellbet.controlplane.risk.domain;

import io.cellbet.contracts.bets.ExposureChanged;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an exposure row from a cell must be for the risk view to keep it: a known scope, a key, a
 * currency code, a version. The figures themselves are the cell's and are kept as sent. The same rules
 * back the {@code risk.exposure} table's checks, so a row that passes here is never refused there (a
 * refused statement would send the whole message back to the queue again and again).
 */
public final class ExposureRules {

    public static final int CELL_ID_LENGTH_MAX = 100;
    public static final int KEY_LENGTH_MAX = 500;
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    private ExposureRules() {
    }

    /** Why the message's cell id is unusable; empty when it is fine. */
    public static Optional<String> cellIdProblem(String cellId) {
        if (cellId == null || cellId.isBlank() || cellId.length() > CELL_ID_LENGTH_MAX) {
            return Optional.of("cell id " + describe(cellId) + " is blank or longer than " + CELL_ID_LENGTH_MAX);
        }
        return Optional.empty();
    }

    /** Why the row is unusable; empty when it may be stored. */
    public static Optional<String> rowProblem(ExposureChanged.Row row) {
        if (row == null) {
            return Optional.of("the row is null");
        }
        if (ExposureScope.fromWireName(row.scope()).isEmpty()) {
            return Optional.of("scope " + describe(row.scope()) + " is not outcome, market or event");
        }
        if (row.key() == null || row.key().isBlank() || row.key().length() > KEY_LENGTH_MAX) {
            return Optional.of("key " + describe(row.key()) + " is blank or longer than " + KEY_LENGTH_MAX);
        }
        if (row.currency() == null || !CURRENCY.matcher(row.currency()).matches()) {
            return Optional.of("currency " + describe(row.currency()) + " is not three capital letters");
        }
        if (row.version() < 0) {
            return Optional.of("version " + row.version() + " is negative");
        }
        return Optional.empty();
    }

    /** A currency code as the risk view's filters take it. */
    public static boolean isCurrency(String text) {
        return text != null && CURRENCY.matcher(text).matches();
    }

    private static String describe(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
