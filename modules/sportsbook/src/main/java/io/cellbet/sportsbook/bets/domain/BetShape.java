package io.cellbet.sportsbook.bets.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a bet slip's selections are turned into: the sizes of the combinations (lines) it holds.
 * A single is one line of one selection; an accumulator one line of all its selections; a system
 * bet every combination of the sizes it names, each line with the unit stake.
 *
 * <p>Named systems: Trixie (3 selections: doubles and the treble, 4 lines), Patent (3: singles up,
 * 7), Yankee (4: doubles up, 11), Lucky 15 (4: singles up, 15), Canadian (5: doubles up, 26),
 * Lucky 31 (5: singles up, 31), Heinz (6: doubles up, 57), Lucky 63 (6: singles up, 63),
 * Super Heinz (7: doubles up, 120), Goliath (8: doubles up, 247). Any {@code k/n} system is
 * every combination of k of the n selections.
 *
 * @param name        {@code single}, {@code accumulator}, a named system in lower case, or {@code k/n}
 * @param selections  how many selections the shape takes
 * @param sizes       the combination sizes it bets on, increasing
 */
public record BetShape(String name, int selections, List<Integer> sizes) {

    public static final int ACCUMULATOR_LEGS_MIN = 2;
    public static final int ACCUMULATOR_LEGS_MAX = 20;
    /** Most lines one bet may hold: a 10/20 system would be 184,756 of them. */
    public static final int LINES_MAX = 2_000;

    private static final Pattern K_OF_N = Pattern.compile("([1-9][0-9]?)/([1-9][0-9]?)");

    public static BetShape single() {
        return new BetShape("single", 1, List.of(1));
    }

    public static BetShape accumulator(int legs) {
        if (legs < ACCUMULATOR_LEGS_MIN || legs > ACCUMULATOR_LEGS_MAX) {
            throw new IllegalArgumentException("an accumulator has " + ACCUMULATOR_LEGS_MIN + " to "
                    + ACCUMULATOR_LEGS_MAX + " legs, not " + legs);
        }
        return new BetShape("accumulator", legs, List.of(legs));
    }

    /** A named system ({@code yankee}, {@code lucky 15}, ...) or {@code k/n}; empty when the name is neither. */
    public static Optional<BetShape> system(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
        BetShape named = switch (key) {
            case "trixie" -> from("trixie", 3, 2);
            case "patent" -> from("patent", 3, 1);
            case "yankee" -> from("yankee", 4, 2);
            case "lucky 15" -> from("lucky 15", 4, 1);
            case "canadian", "super yankee" -> from("canadian", 5, 2);
            case "lucky 31" -> from("lucky 31", 5, 1);
            case "heinz" -> from("heinz", 6, 2);
            case "lucky 63" -> from("lucky 63", 6, 1);
            case "super heinz" -> from("super heinz", 7, 2);
            case "goliath" -> from("goliath", 8, 2);
            default -> null;
        };
        if (named != null) {
            return Optional.of(named);
        }
        Matcher kOfN = K_OF_N.matcher(key);
        if (!kOfN.matches()) {
            return Optional.empty();
        }
        int k = Integer.parseInt(kOfN.group(1));
        int n = Integer.parseInt(kOfN.group(2));
        if (k > n || n > ACCUMULATOR_LEGS_MAX) {
            return Optional.empty();
        }
        return Optional.of(new BetShape(k + "/" + n, n, List.of(k)));
    }

    /** The shape a stored bet was placed as: its name and how many selections it has. */
    public static BetShape named(String name, int selections) {
        return switch (name) {
            case "single" -> single();
            case "accumulator" -> accumulator(selections);
            default -> system(name).orElseThrow(() -> new IllegalArgumentException("no bet shape " + name));
        };
    }

    /** Every size from {@code smallest} up to all selections. */
    private static BetShape from(String name, int selections, int smallest) {
        List<Integer> sizes = new ArrayList<>();
        for (int size = smallest; size <= selections; size++) {
            sizes.add(size);
        }
        return new BetShape(name, selections, List.copyOf(sizes));
    }

    /** How many lines the shape holds: the sum over its sizes of n choose size. */
    public long lineCount() {
        long lines = 0;
        for (int size : sizes) {
            lines += choose(selections, size);
        }
        return lines;
    }

    /** The lines, each as the indexes of its selections in increasing order, smaller combinations first. */
    public List<int[]> lines() {
        if (lineCount() > LINES_MAX) {
            throw new IllegalStateException(name + " holds " + lineCount() + " lines, more than " + LINES_MAX);
        }
        List<int[]> lines = new ArrayList<>();
        for (int size : sizes) {
            combine(new int[size], 0, 0, lines);
        }
        return lines;
    }

    private void combine(int[] chosen, int filled, int from, List<int[]> out) {
        if (filled == chosen.length) {
            out.add(chosen.clone());
            return;
        }
        for (int i = from; i <= selections - (chosen.length - filled); i++) {
            chosen[filled] = i;
            combine(chosen, filled + 1, i + 1, out);
        }
    }

    static long choose(int n, int k) {
        long result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
