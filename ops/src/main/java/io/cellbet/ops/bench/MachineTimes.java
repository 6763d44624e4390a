package io.cellbet.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the whole machine's cores did so far, as Linux counts it in the first line of {@code /proc/stat}: busy (user,
 * nice, system, interrupts), idle, waiting for the disk ({@code iowait}), and {@code steal}, the time a virtual
 * machine's cores were ready to run but the host ran something else. Taken before and after a step, it says whether
 * a rate was limited by the cores (none idle) or by a serial path (cores idle, answers late), and how much of the
 * host the machine got: the same code measured half as fast per bet on a day when the host gave it less (ops/README,
 * bets, sixteenth session).
 *
 * @param busy   user, nice, system, irq and softirq time, summed over the cores
 * @param idle   idle time, summed over the cores
 * @param iowait time idle with a disk request outstanding
 * @param steal  time taken by the host
 */
public record MachineTimes(Duration busy, Duration idle, Duration iowait, Duration steal) {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** The fields of the "cpu" line after its name: user nice system idle iowait irq softirq steal. */
    private static final int USER = 0;
    private static final int NICE = 1;
    private static final int SYSTEM = 2;
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;
    private static final int IRQ = 5;
    private static final int SOFTIRQ = 6;
    private static final int STEAL = 7;

    /** The machine's times now; empty where {@code /proc/stat} cannot be read (not Linux). */
    public static Optional<MachineTimes> now() {
        try {
            return parse(Files.readString(PROC_STAT));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The times of {@code /proc/stat}'s text: its aggregate "cpu" line; empty when it has none. */
    static Optional<MachineTimes> parse(String procStat) {
        for (String line : procStat.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].equals("cpu") && fields.length > STEAL + 1) {
                long[] ticks = new long[STEAL + 1];
                for (int i = 0; i <= STEAL; i++) {
                    ticks[i] = Long.parseLong(fields[i + 1]);
                }
                return Optional.of(new MachineTimes(time(ticks[USER] + ticks[NICE] + ticks[SYSTEM] + ticks[IRQ]
                        + ticks[SOFTIRQ]), time(ticks[IDLE]), time(ticks[IOWAIT]), time(ticks[STEAL])));
            }
        }
        return Optional.empty();
    }

    /** The times between {@code earlier} and this. */
    public MachineTimes since(MachineTimes earlier) {
        return new MachineTimes(busy.minus(earlier.busy), idle.minus(earlier.idle), iowait.minus(earlier.iowait),
                steal.minus(earlier.steal));
    }

    /**
     * These times as cores over {@code wall} (rounded to 0.01): on a 2-core machine busy, idle, iowait and steal add
     * up to about 2. Empty for no wall time.
     */
    public Map<String, Double> cores(Duration wall) {
        Map<String, Double> cores = new LinkedHashMap<>();
        if (!wall.isZero() && !wall.isNegative()) {
            cores.put("busy", coresOf(busy, wall));
            cores.put("idle", coresOf(idle, wall));
            cores.put("iowait", coresOf(iowait, wall));
            cores.put("steal", coresOf(steal, wall));
        }
        return cores;
    }

    /** The cores each kind of time took between two readings {@code wall} apart; empty when either is missing. */
    static Map<String, Double> cores(Optional<MachineTimes> before, Optional<MachineTimes> after, Duration wall) {
        return before.isPresent() && after.isPresent() ? after.get().since(before.get()).cores(wall) : Map.of();
    }

    /** Starts watching the machine: {@link Watch#cores} then tells what its cores did since. */
    public static Watch watch() {
        return new Watch(now(), System.nanoTime());
    }

    /** A reading of the machine's times and when it was taken. */
    public record Watch(Optional<MachineTimes> start, long startNanos) {

        /** What the machine's cores did since the watch started ({@link MachineTimes#cores(Duration)}). */
        public Map<String, Double> cores() {
            return MachineTimes.cores(start, now(), Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    private static double coresOf(Duration time, Duration wall) {
        return Math.round((double) time.toNanos() / wall.toNanos() * 100) / 100.0;
    }

    private static Duration time(long ticks) {
        return Duration.ofMillis(ticks * 1000 / CpuTimes.CLOCK_TICKS_PER_SECOND);
    }
}
