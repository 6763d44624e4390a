package io.cellbet.ops.bench.bets;

import io.cellbet.ops.bench.AsyncPosts;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the cell answered bet placements, counted by label: {@code 201}, {@code 202}, {@code 200}, a refusal with its
 * code ({@code 422 LIABILITY_CAP}), or {@code no answer} when none came. Safe to count into from any thread.
 */
final class Answers {

    static final String NO_ANSWER = "no answer";
    /** A problem's code, read without parsing the whole body. */
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Whether the bet stands: open (201), pending its live delay (202) or placed before under the key (200). */
    static boolean placed(int status) {
        return status == 201 || status == 202 || status == 200;
    }

    /** The label of an answer: its status, and for a refusal the problem's code when the body names one. */
    static String label(int status, String body) {
        if (placed(status)) {
            return Integer.toString(status);
        }
        Matcher code = body == null ? null : CODE.matcher(body);
        return code != null && code.find() ? status + " " + code.group(1) : Integer.toString(status);
    }

    /** Whether a label is that of a bet that stands. */
    static boolean placed(String label) {
        return label.length() == 3 && Character.isDigit(label.charAt(0)) && placed(Integer.parseInt(label));
    }

    void add(String label) {
        counts.computeIfAbsent(label, key -> new LongAdder()).increment();
    }

    /** Counts an answer, or its absence when the request failed ({@code failure}); returns its label. */
    String record(AsyncPosts.Answer answer, Throwable failure) {
        String label = failure != null || answer == null ? NO_ANSWER : label(answer.status(), answer.body());
        add(label);
        return label;
    }

    /**
     * Passes the label of a bet that stands on; otherwise fails, so that the load counts the request as an error:
     * a refusal is a bet the cell did not take.
     */
    static String orFail(String label, String request, Throwable failure) {
        if (failure != null) {
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        }
        if (!placed(label)) {
            throw new IllegalStateException(request + " answered " + label);
        }
        return label;
    }

    /** Count per label, by label. */
    Map<String, Long> counts() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((label, count) -> sorted.put(label, count.sum()));
        return sorted;
    }

    /** Answers that did not place a bet (refusals and missing answers), by label. */
    Map<String, Long> refusals() {
        Map<String, Long> refusals = counts();
        refusals.keySet().removeIf(Answers::placed);
        return refusals;
    }

    /** Adds every count of {@code other} to this one. */
    void addAll(Answers other) {
        other.counts.forEach((label, count) -> counts.computeIfAbsent(label, key -> new LongAdder())
                .add(count.sum()));
    }
}
