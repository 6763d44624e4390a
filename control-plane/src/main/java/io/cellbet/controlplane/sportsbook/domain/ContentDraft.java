package io.cellbet.controlplane.sportsbook.domain;

import io.cellbet.contracts.config.SportsbookContent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A whole sportsbook content document as a client sent it, before {@link ContentRules} checked it.
 * Lists rather than sets, so a bad or null element can be named by its index.
 *
 * @param configVersion  optional: the version the client read; the change is refused when the
 *                       stored document has moved on since (no lost update through a whole PUT)
 */
public record ContentDraft(
        List<Integer> disabledSports,
        List<String> disabledEvents,
        List<Integer> disabledMarketTypes,
        List<String> disabledMarkets,
        Map<String, BigDecimal> sportMargins,
        List<String> featuredEvents,
        Long configVersion) {

    /** The document it describes; only meaningful once {@link ContentRules#check(ContentDraft)} passed. */
    public SportsbookContent content() {
        Map<Integer, BigDecimal> margins = new TreeMap<>();
        if (sportMargins != null) {
            sportMargins.forEach((sport, margin) -> margins.put(Integer.valueOf(sport), margin));
        }
        return new SportsbookContent(set(disabledSports), set(disabledEvents), set(disabledMarketTypes),
                set(disabledMarkets), margins, featuredEvents);
    }

    private static <T> java.util.Set<T> set(List<T> values) {
        return values == null ? null : new java.util.HashSet<>(values);
    }
}
