package io.cellbet.localinfra;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/** PostgreSQL server endpoint (no database chosen). */
public record PostgresEndpoint(String host, int port, String username, String password) {

    private static final int DEFAULT_PORT = 5432;
    // Names go into CREATE/DROP DATABASE unquoted (DDL cannot take bind parameters), so only a
    // conservative alphabet is accepted; 63 bytes is PostgreSQL's identifier limit.
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String OBJECT_IN_USE = "55006";

    /** Checks the components so that a bad environment variable fails at resolution, not later. */
    public PostgresEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        password = password == null ? "" : password;
        if (host.isBlank()) {
            throw new IllegalArgumentException("PostgreSQL host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("PostgreSQL port out of range: " + port);
        }
        if (username.isBlank()) {
            throw new IllegalArgumentException("PostgreSQL username must not be blank");
        }
    }

    /**
     * Parses {@code postgresql://user[:pass]@host[:port]}; the port defaults to 5432 and a trailing
     * database path is ignored, because every application chooses its own database.
     */
    public static PostgresEndpoint parse(String url) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a PostgreSQL URL: " + url, e);
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equalsIgnoreCase(scheme) && !"postgres".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException(
                    "PostgreSQL URL must start with postgresql:// but was: " + redact(url));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("PostgreSQL URL has no host: " + redact(url));
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw new IllegalArgumentException("PostgreSQL URL has no user: " + redact(url));
        }
        int colon = userInfo.indexOf(':');
        String user = UrlCodec.decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String pass = colon < 0 ? "" : UrlCodec.decode(userInfo.substring(colon + 1));
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new PostgresEndpoint(uri.getHost(), port, user, pass);
    }

    /** Returns the {@code postgresql://user[:pass]@host:port} form that {@link #parse} reads. */
    public String url() {
        StringBuilder url = new StringBuilder("postgresql://").append(UrlCodec.encode(username));
        if (!password.isEmpty()) {
            url.append(':').append(UrlCodec.encode(password));
        }
        return url.append('@').append(host).append(':').append(port).toString();
    }

    /** Returns the JDBC URL of one database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + requireValidName(database);
    }

    /** Creates the database unless it exists; safe when several JVMs race to create it. */
    public void createDatabaseIfMissing(String database) {
        requireValidName(database);
        try (Connection connection = connectToMaintenanceDatabase()) {
            try (PreparedStatement exists =
                    connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                // Another process created it between our check and our CREATE: that is the goal anyway.
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())
                        && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create database " + database + " on " + redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops the database if it exists, first terminating other sessions on it because DROP DATABASE
     * refuses while anyone is connected (e.g. a pool left over from a previous test run).
     */
    public void dropDatabaseIfExists(String database) {
        requireValidName(database);
        try (Connection connection = connectToMaintenanceDatabase()) {
            SQLException last = null;
            // A pool may reconnect between terminate and drop, so retry a few times before giving up.
            for (int attempt = 0; attempt < 5; attempt++) {
                try (PreparedStatement terminate = connection.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    terminate.setString(1, database);
                    terminate.executeQuery().close();
                }
                try (Statement drop = connection.createStatement()) {
                    drop.execute("DROP DATABASE IF EXISTS " + database);
                    return;
                } catch (SQLException e) {
                    if (!OBJECT_IN_USE.equals(e.getSQLState())) {
                        throw e;
                    }
                    last = e;
                    sleepQuietly(200L * (attempt + 1));
                }
            }
            throw last;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot drop database " + database + " on " + redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Masks the password, because records print every component and endpoints end up in logs. */
    @Override
    public String toString() {
        return "PostgresEndpoint[" + redactedUrl() + "]";
    }

    /** Returns {@link #url()} with the password masked, for logs and error messages. */
    String redactedUrl() {
        return password.isEmpty() ? url() : url().replace(":" + UrlCodec.encode(password) + "@", ":***@");
    }

    private Connection connectToMaintenanceDatabase() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "cellbet-local-infra");
        // The driver is used directly rather than through DriverManager, which only sees drivers
        // visible to the caller's class loader and so misbehaves under test-framework class loaders.
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl("postgres"), properties);
        if (connection == null) {
            throw new SQLException("PostgreSQL driver rejected URL " + jdbcUrl("postgres"));
        }
        connection.setAutoCommit(true);
        return connection;
    }

    private static String requireValidName(String database) {
        if (database == null || !DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "Database name must match [a-z0-9_]+ (at most 63 characters) but was: " + database);
        }
        return database;
    }

    private static String redact(String url) {
        return url.replaceAll("(//[^:/@]*:)[^@]*@", "$1***@");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
