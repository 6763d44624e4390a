package io.cellbet.cell.ledger;

import io.cellbet.localinfra.PostgresEndpoint;
import io.cellbet.testsupport.net.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Puts a real TCP proxy between the cell and its real PostgreSQL, so a test can cut the wire. */
public class DatabaseProxyResource implements QuarkusTestResourceLifecycleManager {

    private static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";

    static volatile TcpProxy proxy;
    private String directUrl;

    @Override
    public Map<String, String> start() {
        PostgresEndpoint postgres = PostgresEndpoint.parse(System.getProperty("cellbet.infra.pg.url"));
        proxy = TcpProxy.start(postgres.host(), postgres.port());
        PostgresEndpoint proxied = new PostgresEndpoint(postgres.host(), proxy.port(), postgres.username(),
                postgres.password());
        String proxiedUrl = proxied.jdbcUrl(System.getProperty("cellbet.test.database"));
        // The infrastructure listener sets the URL as a system property, which outranks what a
        // test resource returns: swap the property itself for this app's run, and put it back.
        directUrl = System.getProperty(URL_PROPERTY);
        System.setProperty(URL_PROPERTY, proxiedUrl);
        return Map.of(URL_PROPERTY, proxiedUrl);
    }

    @Override
    public void stop() {
        if (directUrl != null) {
            System.setProperty(URL_PROPERTY, directUrl);
        }
        if (proxy != null) {
            proxy.close();
        }
    }
}
