package io.cellbet.platform.persistence;

import io.agroal.api.AgroalPoolInterceptor;
import io.agroal.pool.ConnectionHandler;
import io.agroal.pool.wrapper.ConnectionWrapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Renews the connection pool's connections one at a time, each at its own moment, instead of all at once.
 *
 * <p>A connection is renewed so that a server restart, a failover or a changed address reaches every connection in
 * time, and so that no backend's caches grow for good. The plans PostgreSQL cached on a connection need no renewal:
 * an {@code ANALYZE} of a table makes it plan the table's statements again, and {@link TableUpkeep} analyses the
 * tables when the server's autovacuum does not.
 *
 * <p>The pool's own {@code max-lifetime} ends every connection a fixed time after it was made, and the pool makes all
 * of them in the first second of load: they all ended in the same second too, and for the next 2-3 seconds every
 * request waited for a new backend, cold caches and statements planned again (at 2,500 bets/s, answers of 440-560 ms
 * five minutes after the cell started; {@code ops/README.md}, bets, twelfth session).
 *
 * <p>Here each connection gets a lifetime of its own when it is made, drawn between half of
 * {@code cellbet.db.connection-lifetime} (30 minutes) and the whole of it, and is renewed when it comes back to the
 * pool past that: the pool closes it, and makes a new one when it next needs one. A pool of 20 renews one connection
 * about every minute, two together only by chance; only the request that next takes the new one pays for its cold
 * start. A connection is never taken from a request that holds it. The pool's {@code max-lifetime} stays off;
 * {@code cellbet.db.connection-lifetime=0} turns renewal off too. The pool's record of a connection and its "close on
 * return" state are Agroal's own classes ({@code io.agroal.pool}); {@code ConnectionRenewalTest} runs against them.
 */
@ApplicationScoped
public class ConnectionRenewal implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(ConnectionRenewal.class);

    private final long lifetimeNanos;
    private final DoubleSupplier lifetimeShare;
    private final Counter renewed;
    private final Map<ConnectionHandler, Long> renewAt = new ConcurrentHashMap<>();

    @Inject
    public ConnectionRenewal(@ConfigProperty(name = "cellbet.db.connection-lifetime", defaultValue = "30M")
            Duration lifetime, MeterRegistry metrics) {
        this(lifetime, () -> ThreadLocalRandom.current().nextDouble(0.5, 1.0), metrics);
    }

    /** {@code lifetimeShare} gives each new connection's share of {@code lifetime}, between 0.5 and 1. */
    public ConnectionRenewal(Duration lifetime, DoubleSupplier lifetimeShare, MeterRegistry metrics) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("cellbet.db.connection-lifetime must not be negative, was " + lifetime);
        }
        this.lifetimeNanos = lifetime.toNanos();
        this.lifetimeShare = lifetimeShare;
        this.renewed = Counter.builder("cellbet.db.connections.renewed")
                .description("Connections closed on their return to the pool because their lifetime had passed")
                .register(metrics);
    }

    @Override
    public void onConnectionCreate(Connection connection) {
        ConnectionHandler handler = handler(connection);
        if (handler != null && lifetimeNanos > 0) {
            renewAt.put(handler, System.nanoTime() + (long) (lifetimeNanos * lifetimeShare.getAsDouble()));
        }
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        ConnectionHandler handler = handler(connection);
        Long due = handler == null ? null : renewAt.get(handler);
        if (due != null && System.nanoTime() - due >= 0) {
            // The pool closes a connection in this state once it is back, instead of keeping it.
            handler.setFlushOnly();
            renewed.increment();
            LOG.debugf("connection renewed on its return, %d ms past its lifetime",
                    (System.nanoTime() - due) / 1_000_000);
        }
    }

    @Override
    public void onConnectionDestroy(Connection connection) {
        ConnectionHandler handler = handler(connection);
        if (handler != null) {
            renewAt.remove(handler);
        }
    }

    /** The pool's record of a connection, which outlives the wrappers each call gets; null outside Agroal's pool. */
    private static ConnectionHandler handler(Connection connection) {
        return connection instanceof ConnectionWrapper wrapper ? wrapper.getHandler() : null;
    }
}
