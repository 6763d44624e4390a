package io.cellbet.platform.persistence;

import java.sql.SQLException;

/** A database statement failed; carries the SQLSTATE so callers can name the rejection. */
public class SqlFailure extends RuntimeException {

    /** PostgreSQL's SQLSTATE for a unique constraint violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    private final String sqlState;

    public SqlFailure(String sql, SQLException cause) {
        super(cause.getMessage() + " [" + sql + "]", cause);
        this.sqlState = cause.getSQLState();
    }

    public String sqlState() {
        return sqlState;
    }

    public boolean isUniqueViolation() {
        return UNIQUE_VIOLATION.equals(sqlState);
    }
}
