package io.cellbet.controlplane.sportsbook.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.SportsbookContent;
import io.cellbet.controlplane.brands.application.Brands;
import io.cellbet.controlplane.config.application.ConfigStore;
import io.cellbet.controlplane.sportsbook.application.ContentEdits.EventEdit;
import io.cellbet.controlplane.sportsbook.application.ContentEdits.SportEdit;
import io.cellbet.controlplane.sportsbook.application.ContentEdits.Toggle;
import io.cellbet.controlplane.sportsbook.application.ContentResult.Reason;
import io.cellbet.controlplane.sportsbook.application.ContentResult.Rejected;
import io.cellbet.controlplane.sportsbook.domain.ContentDraft;
import io.cellbet.controlplane.sportsbook.domain.ContentRules;
import io.cellbet.controlplane.sportsbook.domain.ContentViolation;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The content manager: per brand, which sports, events, market types and markets are hidden, the
 * margin per sport and the featured events. Every change reads the brand's document under a row
 * lock, edits it, and records the whole new document in the config store (hence on
 * {@code platform.config} to every cell) in one transaction, so concurrent edits never lose one.
 */
@ApplicationScoped
public class SportsbookContents {

    private final Sql sql;
    private final ConfigStore configStore;
    private final Brands brands;
    private final ObjectMapper json;

    public SportsbookContents(Sql sql, ConfigStore configStore, Brands brands, ObjectMapper json) {
        this.sql = sql;
        this.configStore = configStore;
        this.brands = brands;
        this.json = json;
    }

    /** The brand's content ({@link SportsbookContent#NONE} at version 0 when never set); empty for an unknown brand. */
    public Optional<StoredContent> find(String brandCode) {
        if (brands.find(brandCode).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sql.one("""
                SELECT value::text AS value, config_version, updated_at FROM sportsbook.brand_content
                WHERE brand_code = ?""", this::stored, brandCode)
                .orElse(new StoredContent(SportsbookContent.NONE, 0, null)));
    }

    /** Replaces the whole document. */
    @Transactional
    public ContentResult replace(String brandCode, ContentDraft draft) {
        List<ContentViolation> violations = ContentRules.check(draft);
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        SportsbookContent content = draft.content();
        return change(brandCode, draft.configVersion(), current -> content);
    }

    @Transactional
    public ContentResult editSport(String brandCode, String sportIdText, SportEdit edit) {
        List<ContentViolation> violations = new ArrayList<>();
        ContentRules.sportId("sportId", sportIdText).ifPresent(violations::add);
        if (edit == null) {
            return bodyRequired();
        }
        required(violations, "enabled", edit.enabled());
        ContentRules.margin("marginPercent", edit.marginPercent()).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        int sportId = Integer.parseInt(sportIdText);
        BigDecimal margin = edit.marginPercent() == null || edit.marginPercent().signum() == 0 ? null
                : edit.marginPercent();
        return change(brandCode, null, current -> {
            Set<Integer> disabled = toggled(current.disabledSports(), sportId, edit.enabled());
            Map<Integer, BigDecimal> margins = new LinkedHashMap<>(current.sportMargins());
            if (margin == null) {
                margins.remove(sportId);
            } else {
                margins.put(sportId, margin);
            }
            return new SportsbookContent(disabled, current.disabledEvents(), current.disabledMarketTypes(),
                    current.disabledMarkets(), margins, current.featuredEvents());
        });
    }

    @Transactional
    public ContentResult editEvent(String brandCode, String eventId, EventEdit edit) {
        List<ContentViolation> violations = new ArrayList<>();
        ContentRules.eventId("eventId", eventId).ifPresent(violations::add);
        if (edit == null) {
            return bodyRequired();
        }
        required(violations, "enabled", edit.enabled());
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        return change(brandCode, null, current -> {
            List<String> featured = new ArrayList<>(current.featuredEvents());
            if (Boolean.TRUE.equals(edit.featured()) && !featured.contains(eventId)) {
                featured.add(eventId);
            } else if (Boolean.FALSE.equals(edit.featured())) {
                featured.remove(eventId);
            }
            return new SportsbookContent(current.disabledSports(), toggled(current.disabledEvents(), eventId,
                    edit.enabled()), current.disabledMarketTypes(), current.disabledMarkets(), current.sportMargins(),
                    featured);
        });
    }

    @Transactional
    public ContentResult editMarketType(String brandCode, String typeIdText, Toggle edit) {
        List<ContentViolation> violations = new ArrayList<>();
        ContentRules.marketTypeId("typeId", typeIdText).ifPresent(violations::add);
        if (edit == null) {
            return bodyRequired();
        }
        required(violations, "enabled", edit.enabled());
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        int typeId = Integer.parseInt(typeIdText);
        return change(brandCode, null, current -> new SportsbookContent(current.disabledSports(),
                current.disabledEvents(), toggled(current.disabledMarketTypes(), typeId, edit.enabled()),
                current.disabledMarkets(), current.sportMargins(), current.featuredEvents()));
    }

    @Transactional
    public ContentResult editMarket(String brandCode, String eventId, String typeIdText, String specifiers,
            Toggle edit) {
        List<ContentViolation> violations = new ArrayList<>();
        ContentRules.eventId("eventId", eventId).ifPresent(violations::add);
        ContentRules.marketTypeId("typeId", typeIdText).ifPresent(violations::add);
        String given = specifiers == null ? "" : specifiers;
        ContentRules.specifiers("specifiers", given).ifPresent(violations::add);
        if (edit == null) {
            return bodyRequired();
        }
        required(violations, "enabled", edit.enabled());
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        String key = SportsbookContent.marketKey(eventId, Integer.parseInt(typeIdText), given);
        return change(brandCode, null, current -> new SportsbookContent(current.disabledSports(),
                current.disabledEvents(), current.disabledMarketTypes(),
                toggled(current.disabledMarkets(), key, edit.enabled()), current.sportMargins(),
                current.featuredEvents()));
    }

    /**
     * Locks the brand's document (creating it empty first if need be), applies the edit and, if it
     * changed anything, records the result in the config store: last, so the store's global lock
     * is held only for that and the commit.
     */
    private ContentResult change(String brandCode, Long expectedVersion, UnaryOperator<SportsbookContent> edit) {
        if (brands.find(brandCode).isEmpty()) {
            return new Rejected(Reason.BRAND_NOT_FOUND, Brands.notFound(brandCode).detail(), List.of());
        }
        // The row settles concurrent first edits: the second insert waits for the first and then does nothing.
        sql.update("""
                INSERT INTO sportsbook.brand_content (brand_code, value, config_version, updated_at)
                VALUES (?, '{}'::jsonb, 0, NULL) ON CONFLICT (brand_code) DO NOTHING""", brandCode);
        StoredContent current = sql.one("""
                SELECT value::text AS value, config_version, updated_at FROM sportsbook.brand_content
                WHERE brand_code = ? FOR UPDATE""", this::stored, brandCode).orElseThrow();
        if (expectedVersion != null && expectedVersion != current.configVersion()) {
            QuarkusTransaction.setRollbackOnly();
            return new Rejected(Reason.VERSION_MISMATCH, "The brand's sportsbook content is at config version "
                    + current.configVersion() + ", not " + expectedVersion + "; read it again and redo the change.",
                    List.of(new ContentViolation("content-version-mismatch", "configVersion",
                            "is " + current.configVersion())));
        }
        SportsbookContent changed = edit.apply(current.content());
        List<ContentViolation> violations = ContentRules.checkSizes(changed);
        if (!violations.isEmpty()) {
            QuarkusTransaction.setRollbackOnly();
            return invalid(violations);
        }
        if (changed.equals(current.content())) {
            // Nothing to tell the cells: the answer is the stored document at its version.
            return new ContentResult.Saved(current);
        }
        ConfigChanged recorded = configStore.record(ConfigKinds.SPORTSBOOK_CONTENT, brandCode, changed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        sql.update("""
                UPDATE sportsbook.brand_content SET value = ?::jsonb, config_version = ?, updated_at = ?
                WHERE brand_code = ?""", text(changed), recorded.version(), now, brandCode);
        return new ContentResult.Saved(new StoredContent(changed, recorded.version(), now));
    }

    private static <T> Set<T> toggled(Set<T> disabled, T value, boolean enabled) {
        Set<T> copy = new HashSet<>(disabled);
        if (enabled) {
            copy.remove(value);
        } else {
            copy.add(value);
        }
        return copy;
    }

    private static void required(List<ContentViolation> violations, String field, Object value) {
        if (value == null) {
            violations.add(new ContentViolation(ContentRules.MISSING_FIELD, field, "is required"));
        }
    }

    private static Rejected invalid(List<ContentViolation> violations) {
        return new Rejected(Reason.INVALID, "The sportsbook content change is invalid.", violations);
    }

    private static Rejected bodyRequired() {
        return invalid(List.of(new ContentViolation(ContentRules.BODY_REQUIRED, "", "a JSON object is required")));
    }

    private StoredContent stored(ResultSet rs) throws SQLException {
        try {
            return new StoredContent(json.readValue(rs.getString("value"), SportsbookContent.class),
                    rs.getLong("config_version"), Sql.instant(rs, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored sportsbook content is not readable", e);
        }
    }

    private String text(SportsbookContent content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
