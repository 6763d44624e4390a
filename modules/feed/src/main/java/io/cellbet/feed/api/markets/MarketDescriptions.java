package io.cellbet.feed.api.markets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Market types, and the names a player reads: {@code Total {total}} with {@code total=2.5} is "Total 2.5", outcome
 * {@code {$competitor1} ({+hcp})} with {@code hcp=-1.5} is "Arsenal (-1.5)". Templates may use {@code $competitor1},
 * {@code $competitor2}, {@code key} (a specifier's value), {@code +key} and {@code -key} (a handicap signed for the
 * first and the second competitor) and {@code !key} (an ordinal: 1st, 2nd, ...). The project's descriptions of the
 * common markets are {@link #COMMON_RESOURCE}. Immutable and thread-safe.
 */
public final class MarketDescriptions {

    /** The descriptions the project writes: 1x2, double chance, draw no bet, totals, handicaps, ... */
    public static final String COMMON_RESOURCE = "/io/cellbet/feed/markets/market-descriptions.json";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");
    private static final Set<String> COMPETITORS = Set.of("$competitor1", "$competitor2");

    /** One market type: its name template, the specifier keys its markets carry, and its outcomes' templates. */
    public record MarketDescription(int id, String name, List<String> specifiers, Map<String, String> outcomes) {

        public MarketDescription {
            specifiers = List.copyOf(specifiers == null ? List.of() : specifiers);
            outcomes = Map.copyOf(outcomes == null ? Map.of() : outcomes);
        }
    }

    /** A market's rendered name and its outcomes' names by outcome id, in the description's order. */
    public record MarketName(int id, String specifiers, String name, Map<String, String> outcomes) {
    }

    private record DescriptionFile(String comment, List<MarketDescription> markets) {
    }

    private final Map<Integer, MarketDescription> byId;

    private MarketDescriptions(Map<Integer, MarketDescription> byId) {
        this.byId = byId;
    }

    /** The project's descriptions of the common markets. */
    public static MarketDescriptions common() {
        try (InputStream in = MarketDescriptions.class.getResourceAsStream(COMMON_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(COMMON_RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a description file ({@code {"markets": [{"id", "name", "specifiers", "outcomes"}]}}) and checks it:
     * unique ids, names and outcomes present, templates that use only the market's specifiers and competitors.
     *
     * @throws IllegalArgumentException naming the first market that is wrong
     */
    public static MarketDescriptions read(InputStream json) throws IOException {
        DescriptionFile file = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .readValue(json, DescriptionFile.class);
        Map<Integer, MarketDescription> byId = new TreeMap<>();
        for (MarketDescription market : file.markets() == null ? List.<MarketDescription>of() : file.markets()) {
            if (market.name() == null || market.name().isBlank() || market.outcomes().isEmpty()) {
                throw new IllegalArgumentException("market " + market.id() + " needs a name and outcomes");
            }
            if (byId.put(market.id(), market) != null) {
                throw new IllegalArgumentException("market " + market.id() + " is described twice");
            }
            checkTemplate(market, market.name());
            for (String outcome : market.outcomes().values()) {
                checkTemplate(market, outcome);
            }
        }
        return new MarketDescriptions(Map.copyOf(byId));
    }

    public Optional<MarketDescription> describe(int marketId) {
        return Optional.ofNullable(byId.get(marketId));
    }

    public Set<Integer> ids() {
        return byId.keySet();
    }

    /**
     * Names a market and its outcomes for an event.
     *
     * @param specifiers the market's specifiers as the feed sends them ({@code total=2.5}, "" for none)
     * @throws IllegalArgumentException when the market type is unknown or the specifiers lack a key it needs
     */
    public MarketName render(int marketId, String specifiers, String competitor1, String competitor2) {
        MarketDescription market = describe(marketId)
                .orElseThrow(() -> new IllegalArgumentException("no description of market " + marketId));
        Map<String, String> values = Specifiers.parse(specifiers);
        for (String key : market.specifiers()) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("market " + marketId + " needs specifier " + key + ", got '"
                        + specifiers + "'");
            }
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        market.outcomes().entrySet().stream()
                .sorted((a, b) -> compareIds(a.getKey(), b.getKey()))
                .forEach(outcome -> outcomes.put(outcome.getKey(),
                        fill(outcome.getValue(), values, competitor1, competitor2)));
        return new MarketName(marketId, specifiers == null ? "" : specifiers,
                fill(market.name(), values, competitor1, competitor2), outcomes);
    }

    private static String fill(String template, Map<String, String> values, String competitor1, String competitor2) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String token = matcher.group(1);
            String value;
            if (token.equals("$competitor1")) {
                value = competitor1;
            } else if (token.equals("$competitor2")) {
                value = competitor2;
            } else if (token.startsWith("+")) {
                value = signed(values.get(token.substring(1)), false);
            } else if (token.startsWith("-")) {
                value = signed(values.get(token.substring(1)), true);
            } else if (token.startsWith("!")) {
                value = ordinal(values.get(token.substring(1)));
            } else {
                value = values.get(token);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A handicap as the named competitor sees it: {@code -1.5} for the first is {@code +1.5} for the second. */
    static String signed(String value, boolean negate) {
        BigDecimal number = new BigDecimal(value);
        if (negate) {
            number = number.negate();
        }
        return number.signum() > 0 ? "+" + number.toPlainString() : number.toPlainString();
    }

    static String ordinal(String value) {
        int n = Integer.parseInt(value);
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
                : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }

    private static void checkTemplate(MarketDescription market, String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            String token = matcher.group(1);
            String key = token.startsWith("+") || token.startsWith("-") || token.startsWith("!") ? token.substring(1)
                    : token;
            if (!COMPETITORS.contains(token) && !market.specifiers().contains(key)) {
                throw new IllegalArgumentException("market " + market.id() + ": template '" + template + "' uses {"
                        + token + "}, which is neither a competitor nor one of its specifiers "
                        + market.specifiers());
            }
        }
    }

    /** Numeric outcome ids in numeric order, others after them in text order. */
    private static int compareIds(String a, String b) {
        boolean aNumber = a.chars().allMatch(Character::isDigit);
        boolean bNumber = b.chars().allMatch(Character::isDigit);
        if (aNumber && bNumber) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return aNumber ? -1 : bNumber ? 1 : a.compareTo(b);
    }
}
