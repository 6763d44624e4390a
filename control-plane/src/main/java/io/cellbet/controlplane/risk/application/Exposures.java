package io.cellbet.controlplane.risk.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import io.cellbet.contracts.bets.ExposureChanged;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.controlplane.ControlPlaneConfig;
import io.cellbet.controlplane.risk.application.ExposureTotal.CellExposure;
import io.cellbet.controlplane.risk.domain.ExposureRules;
import io.cellbet.platform.messaging.Envelope;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.inbox.Inbox;
import io.cellbet.platform.persistence.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The risk view's exposure: each cell's latest figure per outcome, market and event and currency, learned
 * from the cells' {@code ExposureChanged} events (outbox → {@code platform.cell-events} → this consumer's
 * own queue, through the inbox), and summed over cells on request. Cells send a row's whole figure with a
 * version that only grows, and send the same row several times; a row is replaced only by a higher
 * version, so repeats and late arrivals change nothing, in whatever order replicas of this control plane
 * take them.
 */
@ApplicationScoped
public class Exposures {

    private static final Logger LOG = Logger.getLogger(Exposures.class);

    static final String CONSUMER = "control-plane.risk-exposure";
    /** Most totals one query answers. */
    public static final int TOTALS_MAX = 500;
    /** Most rows written by one statement; a cell sends at most 500 per message. */
    static final int ROWS_PER_STATEMENT_MAX = 1_000;

    private final Sql sql;
    private final Inbox inbox;
    private final Broker broker;
    private final ObjectMapper json;
    private final Counter skippedRows;
    private final String queue;

    public Exposures(Sql sql, Inbox inbox, Broker broker, ObjectMapper json, MeterRegistry metrics,
            ControlPlaneConfig config) {
        this.queue = config.risk().exposureQueue();
        this.sql = sql;
        this.inbox = inbox;
        this.broker = broker;
        this.json = json;
        this.skippedRows = metrics.counter("cellbet.risk.exposure.rows.skipped");
    }

    void onStart(@Observes StartupEvent event) {
        inbox.subscribe(CONSUMER, queue, channel -> {
            channel.exchangeDeclare(Exchanges.CELL_EVENTS, BuiltinExchangeType.TOPIC, true);
            channel.queueDeclare(queue, true, false, false, broker.durableQueueArguments());
            channel.queueBind(queue, Exchanges.CELL_EVENTS, "cell.*.sportsbook." + ExposureChanged.TYPE);
        }, this::apply);
    }

    void apply(Envelope envelope) throws JsonProcessingException {
        if (!ExposureChanged.TYPE.equals(envelope.type())) {
            return;
        }
        ExposureChanged changed = json.treeToValue(envelope.payload(), ExposureChanged.class);
        var badCell = ExposureRules.cellIdProblem(changed.cellId());
        if (badCell.isPresent()) {
            // Retrying cannot mend the message, and throwing would hand it back to the queue for ever.
            LOG.warnf("skipping %s %s: %s", envelope.type(), envelope.id(), badCell.get());
            skippedRows.increment(changed.rows() == null ? 0 : changed.rows().size());
            return;
        }
        List<ExposureChanged.Row> rows = newestPerRow(envelope, changed);
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT_MAX) {
            int to = Math.min(rows.size(), from + ROWS_PER_STATEMENT_MAX);
            upsert(changed.cellId(), changed.at(), rows.subList(from, to));
        }
    }

    /**
     * The message's usable rows, one per scope, key and currency (the highest version when a row is there
     * twice: one statement cannot update a row twice), sorted so every writer locks rows in one order.
     */
    private List<ExposureChanged.Row> newestPerRow(Envelope envelope, ExposureChanged changed) {
        if (changed.rows() == null) {
            return List.of();
        }
        Map<String, ExposureChanged.Row> newest = new TreeMap<>();
        for (ExposureChanged.Row row : changed.rows()) {
            var problem = ExposureRules.rowProblem(row);
            if (problem.isPresent()) {
                LOG.warnf("skipping a row of %s %s from cell %s: %s", envelope.type(), envelope.id(),
                        changed.cellId(), problem.get());
                skippedRows.increment();
                continue;
            }
            newest.merge(row.scope() + '\u0000' + row.key() + '\u0000' + row.currency(), row,
                    (held, other) -> other.version() > held.version() ? other : held);
        }
        return new ArrayList<>(newest.values());
    }

    private void upsert(String cellId, Instant reportedAt, List<ExposureChanged.Row> rows) {
        int count = rows.size();
        String[] scopes = new String[count];
        String[] keys = new String[count];
        String[] currencies = new String[count];
        long[] liabilities = new long[count];
        long[] turnovers = new long[count];
        long[] bets = new long[count];
        long[] versions = new long[count];
        for (int i = 0; i < count; i++) {
            ExposureChanged.Row row = rows.get(i);
            scopes[i] = row.scope();
            keys[i] = row.key();
            currencies[i] = row.currency();
            liabilities[i] = row.liabilityMinor();
            turnovers[i] = row.turnoverMinor();
            bets[i] = row.bets();
            versions[i] = row.version();
        }
        sql.update("""
                INSERT INTO risk.exposure AS x (cell_id, scope, key, currency, liability_minor, turnover_minor, bets,
                    version, reported_at, updated_at)
                SELECT ?, t.scope, t.key, t.currency, t.liability, t.turnover, t.bets, t.version, ?::timestamptz, now()
                FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                    WITH ORDINALITY AS t(scope, key, currency, liability, turnover, bets, version, position)
                ORDER BY t.position
                ON CONFLICT (cell_id, scope, key, currency) DO UPDATE SET liability_minor = EXCLUDED.liability_minor,
                    turnover_minor = EXCLUDED.turnover_minor, bets = EXCLUDED.bets, version = EXCLUDED.version,
                    reported_at = EXCLUDED.reported_at, updated_at = EXCLUDED.updated_at
                WHERE x.version < EXCLUDED.version""",
                cellId, reportedAt, scopes, keys, currencies, liabilities, turnovers, bets, versions);
    }

    /** The scope's figures summed over cells per key and currency, largest liability first. */
    public List<ExposureTotal> totals(ExposureQuery query) {
        StringBuilder where = new StringBuilder("scope = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.scope().wireName());
        if (query.currency() != null) {
            where.append(" AND currency = ?");
            parameters.add(query.currency());
        }
        if (query.eventId() != null) {
            where.append(" AND event_id = ?");
            parameters.add(query.eventId());
        }
        parameters.add(query.limit());
        List<ExposureTotal> totals = sql.list("""
                SELECT key, currency, min(event_id) AS event_id, sum(liability_minor)::bigint AS total_liability,
                    sum(turnover_minor)::bigint AS total_turnover, sum(bets)::bigint AS total_bets, count(*) AS cells,
                    max(updated_at) AS last_updated_at
                FROM risk.exposure WHERE %s
                GROUP BY key, currency
                ORDER BY total_liability DESC, key, currency
                LIMIT ?""".formatted(where), Exposures::total, parameters.toArray());
        return query.byCell() ? withCells(query, totals) : totals;
    }

    private List<ExposureTotal> withCells(ExposureQuery query, List<ExposureTotal> totals) {
        if (totals.isEmpty()) {
            return totals;
        }
        String[] keys = totals.stream().map(ExposureTotal::key).toArray(String[]::new);
        String[] currencies = totals.stream().map(ExposureTotal::currency).toArray(String[]::new);
        Map<String, List<CellExposure>> byTotal = new LinkedHashMap<>();
        for (KeyedCellExposure figure : sql.list("""
                SELECT e.key, e.currency, e.cell_id, e.liability_minor, e.turnover_minor, e.bets, e.version,
                    e.reported_at, e.updated_at
                FROM risk.exposure e JOIN unnest(?::text[], ?::text[]) AS t(key, currency)
                    ON e.key = t.key AND e.currency = t.currency
                WHERE e.scope = ?
                ORDER BY e.liability_minor DESC, e.cell_id""", Exposures::keyedCellExposure, keys, currencies,
                query.scope().wireName())) {
            byTotal.computeIfAbsent(figure.totalKey(), any -> new ArrayList<>()).add(figure.exposure());
        }
        return totals.stream().map(total -> new ExposureTotal(total.key(), total.eventId(), total.currency(),
                total.liabilityMinor(), total.turnoverMinor(), total.bets(), total.cellCount(), total.updatedAt(),
                byTotal.getOrDefault(totalKey(total.key(), total.currency()), List.of()))).toList();
    }

    private static String totalKey(String key, String currency) {
        return key + '\u0000' + currency;
    }

    /** A cell's figures and the total they belong to. */
    private record KeyedCellExposure(String totalKey, CellExposure exposure) {
    }

    private static KeyedCellExposure keyedCellExposure(ResultSet row) throws SQLException {
        return new KeyedCellExposure(totalKey(row.getString("key"), row.getString("currency")),
                new CellExposure(row.getString("cell_id"), row.getLong("liability_minor"),
                        row.getLong("turnover_minor"), row.getLong("bets"), row.getLong("version"),
                        Sql.instant(row, "reported_at"), Sql.instant(row, "updated_at")));
    }

    private static ExposureTotal total(ResultSet row) throws SQLException {
        return new ExposureTotal(row.getString("key"), row.getString("event_id"), row.getString("currency"),
                row.getLong("total_liability"), row.getLong("total_turnover"), row.getLong("total_bets"),
                row.getInt("cells"), Sql.instant(row, "last_updated_at"), null);
    }
}
