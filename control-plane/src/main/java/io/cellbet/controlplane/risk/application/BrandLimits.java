package io.cellbet.controlplane.risk.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.config.BetLimits;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.controlplane.brands.application.Brands;
import io.cellbet.controlplane.config.application.ConfigStore;
import io.cellbet.controlplane.risk.application.LimitsResult.Reason;
import io.cellbet.controlplane.risk.application.LimitsResult.Rejected;
import io.cellbet.controlplane.risk.domain.LimitRules;
import io.cellbet.controlplane.risk.domain.LimitViolation;
import io.cellbet.controlplane.risk.domain.LimitsDraft;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Brands' sportsbook limits (stakes, payouts, live delays, liability caps, cash-out margins), the way ops
 * push tighter caps to the cells: a change reads the brand's limits under a row lock, and records the whole
 * new document in the config store as kind {@code bet-limits} (hence on {@code platform.config} to every
 * cell) in one transaction, so two concurrent changes apply one after the other.
 */
@ApplicationScoped
public class BrandLimits {

    private final Sql sql;
    private final ConfigStore configStore;
    private final Brands brands;
    private final ObjectMapper json;

    public BrandLimits(Sql sql, ConfigStore configStore, Brands brands, ObjectMapper json) {
        this.sql = sql;
        this.configStore = configStore;
        this.brands = brands;
        this.json = json;
    }

    /** The brand's limits (the built-in ones at version 0 when never set); empty for an unknown brand. */
    public Optional<StoredLimits> find(String brandCode) {
        if (brands.find(brandCode).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sql.one("""
                SELECT value::text AS value, config_version, updated_at FROM risk.brand_limits
                WHERE brand_code = ? AND config_version > 0""", this::stored, brandCode)
                .orElse(StoredLimits.builtInLimits()));
    }

    /** Replaces the brand's whole limits; with {@code draft.configVersion()}, only if still at that version. */
    @Transactional
    public LimitsResult replace(String brandCode, LimitsDraft draft) {
        List<LimitViolation> violations = LimitRules.check(draft);
        if (!violations.isEmpty()) {
            return new Rejected(Reason.INVALID, "The bet limits are invalid.", violations);
        }
        if (brands.find(brandCode).isEmpty()) {
            return new Rejected(Reason.BRAND_NOT_FOUND, Brands.notFound(brandCode).detail(), List.of());
        }
        // The row settles concurrent first changes: the second insert waits for the first and then does nothing.
        sql.update("""
                INSERT INTO risk.brand_limits (brand_code, value, config_version, updated_at)
                VALUES (?, '{}'::jsonb, 0, NULL) ON CONFLICT (brand_code) DO NOTHING""", brandCode);
        StoredLimits current = sql.one("""
                SELECT value::text AS value, config_version, updated_at FROM risk.brand_limits
                WHERE brand_code = ? FOR UPDATE""", this::stored, brandCode).orElseThrow();
        Long expected = draft.configVersion();
        if (expected != null && expected != current.configVersion()) {
            QuarkusTransaction.setRollbackOnly();
            return new Rejected(Reason.VERSION_MISMATCH, "The brand's bet limits are at config version "
                    + current.configVersion() + ", not " + expected + "; read them again and redo the change.",
                    List.of(new LimitViolation("limits-version-mismatch", "configVersion",
                            "is " + current.configVersion())));
        }
        BetLimits changed = draft.limits();
        if (!current.builtIn() && changed.equals(current.limits())) {
            // Nothing to tell the cells: the answer is the stored limits at their version.
            return new LimitsResult.Saved(current);
        }
        // Last, so the store's global lock is held only for this and the commit.
        ConfigChanged recorded = configStore.record(ConfigKinds.BET_LIMITS, brandCode, changed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        sql.update("""
                UPDATE risk.brand_limits SET value = ?::jsonb, config_version = ?, updated_at = ?
                WHERE brand_code = ?""", text(changed), recorded.version(), now, brandCode);
        return new LimitsResult.Saved(new StoredLimits(changed, false, recorded.version(), now));
    }

    /** A stored row; a row at version 0 was only just created as the lock and means the built-in limits. */
    private StoredLimits stored(ResultSet rs) throws SQLException {
        long version = rs.getLong("config_version");
        if (version == 0) {
            return StoredLimits.builtInLimits();
        }
        try {
            return new StoredLimits(json.readValue(rs.getString("value"), BetLimits.class), false, version,
                    Sql.instant(rs, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored bet limits are not readable", e);
        }
    }

    private String text(BetLimits limits) {
        try {
            return json.writeValueAsString(limits);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
