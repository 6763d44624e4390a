package io.cellbet.contracts.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A brand's sportsbook content overrides, set in the control plane's content manager and held by
 * every cell (config kind {@link ConfigKinds#SPORTSBOOK_CONTENT}, key the brand's code). They win
 * over the feed: a hidden sport, event, market type or market is not offered whatever the feed
 * says, and a sport's margin is taken off every price of that sport.
 *
 * <p>Null collections read as empty and null elements are dropped; sets and the map are kept
 * sorted so the stored JSON is stable. Featured events keep the order ops gave them.
 *
 * @param disabledSports       sport ids hidden from the brand's players
 * @param disabledEvents       event ids ({@code sr:match:123}) hidden
 * @param disabledMarketTypes  market type ids (1 = 1x2, 18 = totals, ...) hidden in every event
 * @param disabledMarkets      single markets hidden, each {@code <eventId>/<typeId>/<specifiers>}
 *                             ({@code sr:match:1/18/total=2.5}, {@code sr:match:1/1/} without specifiers)
 * @param sportMargins         extra margin per sport id in percentage points ({@code 2.5}); negative is a boost
 * @param featuredEvents       event ids shown as featured, in display order
 */
public record SportsbookContent(
        Set<Integer> disabledSports,
        Set<String> disabledEvents,
        Set<Integer> disabledMarketTypes,
        Set<String> disabledMarkets,
        Map<Integer, BigDecimal> sportMargins,
        List<String> featuredEvents) {

    /** No overrides: everything the feed offers, at the feed's prices. */
    public static final SportsbookContent NONE = new SportsbookContent(null, null, null, null, null, null);

    /** The lowest price a margin may bring odds down to. */
    public static final BigDecimal PRICE_MIN = new BigDecimal("1.01");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public SportsbookContent {
        disabledSports = sorted(disabledSports);
        disabledEvents = sorted(disabledEvents);
        disabledMarketTypes = sorted(disabledMarketTypes);
        disabledMarkets = sorted(disabledMarkets);
        sportMargins = sorted(sportMargins);
        featuredEvents = featuredEvents == null ? List.of()
                : featuredEvents.stream().filter(Objects::nonNull).toList();
    }

    /** The key of one market in {@link #disabledMarkets}: {@code <eventId>/<typeId>/<specifiers>}. */
    public static String marketKey(String eventId, int typeId, String specifiers) {
        return eventId + "/" + typeId + "/" + (specifiers == null ? "" : specifiers);
    }

    public boolean sportVisible(int sportId) {
        return !disabledSports.contains(sportId);
    }

    public boolean eventVisible(String eventId) {
        return eventId == null || !disabledEvents.contains(eventId);
    }

    /** False when the market's type is hidden or this one market is. */
    public boolean marketVisible(String eventId, int typeId, String specifiers) {
        return !disabledMarketTypes.contains(typeId)
                && (eventId == null || !disabledMarkets.contains(marketKey(eventId, typeId, specifiers)));
    }

    /** Whether ops marked the event featured; whether it is visible is {@link #eventVisible}'s answer. */
    public boolean featured(String eventId) {
        return eventId != null && featuredEvents.contains(eventId);
    }

    /**
     * The price a player of this brand sees for {@code odds} in sport {@code sportId}: with a margin m
     * (percentage points) {@code odds / (1 + m/100)}, rounded down to 2 decimals, never below
     * {@link #PRICE_MIN} and, for a positive margin, never above the odds themselves. Unchanged
     * without a margin (or a margin of zero); {@code null} for {@code null}.
     */
    public BigDecimal price(int sportId, BigDecimal odds) {
        BigDecimal margin = sportMargins.get(sportId);
        if (odds == null || margin == null || margin.signum() == 0) {
            return odds;
        }
        BigDecimal divisor = BigDecimal.ONE.add(margin.divide(HUNDRED));
        if (divisor.signum() <= 0) {
            // A margin of -100 points or less means nothing; the control plane never stores one.
            return odds;
        }
        BigDecimal priced = odds.divide(divisor, 2, RoundingMode.DOWN).max(PRICE_MIN);
        return margin.signum() > 0 ? priced.min(odds) : priced;
    }

    private static <T extends Comparable<T>> SortedSet<T> sorted(Collection<T> values) {
        TreeSet<T> copy = new TreeSet<>();
        if (values != null) {
            values.stream().filter(Objects::nonNull).forEach(copy::add);
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    private static SortedMap<Integer, BigDecimal> sorted(Map<Integer, BigDecimal> values) {
        TreeMap<Integer, BigDecimal> copy = new TreeMap<>();
        if (values != null) {
            values.forEach((sport, margin) -> {
                if (sport != null && margin != null) {
                    copy.put(sport, margin);
                }
            });
        }
        return Collections.unmodifiableSortedMap(copy);
    }
}
