package io.cellbet.controlplane.brands.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.controlplane.brands.application.BrandResult.Reason;
import io.cellbet.controlplane.brands.application.BrandResult.Rejected;
import io.cellbet.controlplane.brands.domain.BrandRules;
import io.cellbet.controlplane.brands.domain.Violation;
import io.cellbet.controlplane.config.application.ConfigStore;
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
 * Brands and their sites: create, change, read. Each change is validated as a whole, stored,
 * and recorded in the versioned config store (hence published to every cell) in one transaction.
 */
@ApplicationScoped
public class Brands {

    /** Most brands one list call returns. */
    public static final int PAGE_MAX = 500;

    private final Sql sql;
    private final ConfigStore configStore;
    private final ObjectMapper json;

    public Brands(Sql sql, ConfigStore configStore, ObjectMapper json) {
        this.sql = sql;
        this.configStore = configStore;
        this.json = json;
    }

    @Transactional
    public BrandResult create(BrandConfig brand) {
        List<Violation> violations = BrandRules.check(brand);
        if (!violations.isEmpty()) {
            return new Rejected(Reason.INVALID, "The brand is invalid.", violations);
        }
        Optional<Rejected> domainsTaken = domainsTakenByOthers(brand);
        if (domainsTaken.isPresent()) {
            return domainsTaken.get();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int inserted = sql.update("""
                INSERT INTO brands.brand (code, value, config_version, created_at, updated_at)
                VALUES (?, ?::jsonb, 0, ?, ?) ON CONFLICT (code) DO NOTHING""", brand.code(), text(brand), now, now);
        if (inserted == 0) {
            return new Rejected(Reason.CODE_TAKEN, "A brand with code " + brand.code() + " exists.",
                    List.of(new Violation("code", "'" + brand.code() + "' is taken")));
        }
        Optional<Rejected> raced = claimDomains(brand, brand.domains());
        if (raced.isPresent()) {
            return raced.get();
        }
        return publish(brand, now, now);
    }

    @Transactional
    public BrandResult update(String code, BrandConfig brand) {
        if (brand != null && brand.code() != null && !brand.code().equals(code)) {
            return new Rejected(Reason.CODE_MISMATCH, "A brand's code cannot change.",
                    List.of(new Violation("code", "must equal the code in the path, '" + code + "'")));
        }
        BrandConfig complete = brand == null ? null : withCode(brand, code);
        List<Violation> violations = BrandRules.check(complete);
        if (!violations.isEmpty()) {
            return new Rejected(Reason.INVALID, "The brand is invalid.", violations);
        }
        Optional<Brand> current = sql.one("""
                SELECT value::text AS value, config_version, created_at, updated_at FROM brands.brand
                WHERE code = ? FOR UPDATE""", this::brand, code);
        if (current.isEmpty()) {
            return notFound(code);
        }
        List<String> held = current.get().config().domains();
        if (!held.equals(complete.domains())) {
            Optional<Rejected> domainsTaken = domainsTakenByOthers(complete);
            if (domainsTaken.isPresent()) {
                return domainsTaken.get();
            }
            sql.update("DELETE FROM brands.domain WHERE brand_code = ? AND NOT domain = ANY(?)", code,
                    complete.domains().toArray(String[]::new));
            List<String> added = complete.domains().stream().filter(domain -> !held.contains(domain)).toList();
            Optional<Rejected> raced = claimDomains(complete, added);
            if (raced.isPresent()) {
                return raced.get();
            }
        }
        return publish(complete, current.get().createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    public Optional<Brand> find(String code) {
        return sql.one("SELECT value::text AS value, config_version, created_at, updated_at FROM brands.brand WHERE code = ?",
                this::brand, code);
    }

    public List<Brand> list(int limit) {
        return sql.list("""
                SELECT value::text AS value, config_version, created_at, updated_at FROM brands.brand
                ORDER BY code LIMIT ?""", this::brand, Math.min(limit, PAGE_MAX));
    }

    public static Rejected notFound(String code) {
        return new Rejected(Reason.NOT_FOUND, "No brand with code " + code + ".", List.of());
    }

    /** Claims {@code domains} for the brand; empty when all were free, else the rejection (and a rollback). */
    private Optional<Rejected> claimDomains(BrandConfig brand, List<String> domains) {
        if (domains.isEmpty()) {
            return Optional.empty();
        }
        int claimed = sql.update("""
                INSERT INTO brands.domain (domain, brand_code) SELECT unnest(?::text[]), ?
                ON CONFLICT (domain) DO NOTHING""", domains.toArray(String[]::new), brand.code());
        if (claimed == domains.size()) {
            return Optional.empty();
        }
        // Another brand claimed one since we looked: undo everything this call wrote.
        QuarkusTransaction.setRollbackOnly();
        return Optional.of(new Rejected(Reason.DOMAIN_TAKEN, "A domain is taken by another brand.",
                List.of(new Violation("domains", "a domain was claimed by another brand meanwhile; try again"))));
    }

    /**
     * Records the change in the config store, which takes the global version lock, and writes
     * the brand row with that version. Last in the transaction, so the lock that serialises
     * every config writer is held only for these few statements and the commit.
     */
    private BrandResult publish(BrandConfig brand, Instant createdAt, Instant updatedAt) {
        ConfigChanged change = configStore.record(ConfigKinds.BRAND, brand.code(), brand);
        sql.update("UPDATE brands.brand SET value = ?::jsonb, config_version = ?, updated_at = ? WHERE code = ?",
                text(brand), change.version(), updatedAt, brand.code());
        return new BrandResult.Saved(new Brand(brand, change.version(), createdAt, updatedAt));
    }

    private Optional<Rejected> domainsTakenByOthers(BrandConfig brand) {
        List<String> domains = brand.domains();
        List<Violation> taken = sql.list("""
                SELECT domain, brand_code FROM brands.domain WHERE domain = ANY(?) AND brand_code <> ? ORDER BY domain""",
                rs -> new Violation("domains[" + domains.indexOf(rs.getString("domain")) + "]",
                        "'" + rs.getString("domain") + "' is used by brand " + rs.getString("brand_code")),
                domains.toArray(String[]::new), brand.code());
        return taken.isEmpty() ? Optional.empty()
                : Optional.of(new Rejected(Reason.DOMAIN_TAKEN, "A domain is taken by another brand.", taken));
    }

    private static BrandConfig withCode(BrandConfig brand, String code) {
        return new BrandConfig(code, brand.name(), brand.domains(), brand.currencies(), brand.defaultLocale(),
                brand.products(), brand.walletMode(), brand.seamlessWallet(), brand.theme(), brand.kycGate(),
                brand.embedding());
    }

    private Brand brand(ResultSet rs) throws SQLException {
        try {
            return new Brand(json.readValue(rs.getString("value"), BrandConfig.class), rs.getLong("config_version"),
                    Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored brand is not readable", e);
        }
    }

    private String text(BrandConfig brand) {
        try {
            return json.writeValueAsString(brand);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
