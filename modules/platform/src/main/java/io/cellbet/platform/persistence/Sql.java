package io.cellbet.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain SQL over the application's JDBC data source.
 *
 * <p>Inside a JTA transaction every call uses the connection enlisted in it, so several
 * statements (a domain row and its outbox row) commit or roll back together. Modules write
 * their own SQL against their own schema; this class only removes the JDBC ceremony.
 */
@ApplicationScoped
public class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet resultSet) throws SQLException;
    }

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet resultSet = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (resultSet.next()) {
                result.add(row.map(resultSet));
            }
            return result;
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
        List<T> rows = list(sql, row, parameters);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.stream().findFirst();
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    /**
     * Makes the rest of the caller's transaction run every statement on its generic plan. A statement that reads its
     * rows from {@code unnest(?)} arrays is otherwise planned again at each execution: the generic plan counts ten
     * rows an array, so it always costs more than the custom plan of a few, and PostgreSQL never settles on it (an
     * update that opened bets spent 0.35 ms planning to 0.24 ms running). For transactions whose statements look
     * rows up by key, where the generic plan is the custom one.
     */
    public void genericPlansInTransaction() {
        one("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)", row -> Boolean.TRUE);
    }

    /**
     * A comma-separated column list (as written for one table) with each column prefixed by {@code alias}, for a
     * statement that joins the table: {@code qualified("b", "id, status")} is {@code "b.id, b.status"}.
     */
    public static String qualified(String alias, String columns) {
        return alias + "." + String.join(", " + alias + ".", columns.strip().split(",\\s*"));
    }

    public static Instant instant(ResultSet resultSet, String column) throws SQLException {
        OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (parameter instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (parameter instanceof long[] longs) {
                Long[] boxed = new Long[longs.length];
                for (int j = 0; j < longs.length; j++) {
                    boxed[j] = longs[j];
                }
                statement.setArray(i + 1, connection.createArrayOf("bigint", boxed));
            } else if (parameter instanceof int[] ints) {
                Integer[] boxed = new Integer[ints.length];
                for (int j = 0; j < ints.length; j++) {
                    boxed[j] = ints[j];
                }
                statement.setArray(i + 1, connection.createArrayOf("integer", boxed));
            } else if (parameter instanceof String[] strings) {
                statement.setArray(i + 1, connection.createArrayOf("text", strings));
            } else if (parameter instanceof BigDecimal[] decimals) {
                statement.setArray(i + 1, connection.createArrayOf("numeric", decimals));
            } else if (parameter instanceof Boolean[] booleans) {
                statement.setArray(i + 1, connection.createArrayOf("boolean", booleans));
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
        return statement;
    }
}
