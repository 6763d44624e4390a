package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a directory laid out as the kernel's DAMON sysfs interface and {@code /proc}. */
class KernelReclaimTest {

    @TempDir
    Path root;

    private Path kdamond(int id, String state, long pid, long sampleUs, String... actions) throws IOException {
        Path directory = Files.createDirectories(root.resolve("kdamonds/" + id));
        Files.writeString(directory.resolve("state"), state + "\n");
        Files.writeString(directory.resolve("pid"), pid + "\n");
        Path context = Files.createDirectories(directory.resolve("contexts/0/monitoring_attrs/intervals"));
        Files.writeString(context.resolve("sample_us"), sampleUs + "\n");
        for (int i = 0; i < actions.length; i++) {
            Path scheme = Files.createDirectories(directory.resolve("contexts/0/schemes/" + i));
            Files.writeString(scheme.resolve("action"), actions[i] + "\n");
        }
        return directory;
    }

    private void thread(long pid, long utimeTicks, long stimeTicks) throws IOException {
        Path directory = Files.createDirectories(root.resolve("proc/" + pid));
        // Fields 3-13, then utime (14) and stime (15), then the rest.
        Files.writeString(directory.resolve("stat"), pid + " (kdamond.0) S 2 0 0 0 -1 2129984 0 0 0 0 "
                + utimeTicks + " " + stimeTicks + " 0 0 20 0 1 0 1700 0 0\n");
    }

    private KernelReclaim reclaim() {
        return new KernelReclaim(root.resolve("kdamonds"), root.resolve("proc"));
    }

    @Test
    void readsEachKdamondWithItsSamplingAndActions() throws IOException {
        kdamond(0, "on", 83, 500_000, "pageout");
        kdamond(1, "off", -1, 5_000, "lru_prio", "lru_deprio");

        List<KernelReclaim.Kdamond> kdamonds = reclaim().kdamonds();

        assertEquals(2, kdamonds.size());
        assertEquals("on", kdamonds.get(0).state());
        assertEquals(83, kdamonds.get(0).pid());
        assertEquals(500_000, kdamonds.get(0).sampleUs());
        assertEquals(List.of("pageout"), kdamonds.get(0).actions());
        assertEquals("off", kdamonds.get(1).state());
        assertEquals(List.of("lru_prio", "lru_deprio"), kdamonds.get(1).actions());
    }

    @Test
    void aKernelWithoutDamonHasNone() {
        assertEquals(List.of(), reclaim().kdamonds());
    }

    @Test
    void countsTheCpuOfTheRunningThreadsInUserAndKernelTime() throws IOException {
        kdamond(0, "on", 83, 500_000, "pageout");
        kdamond(1, "off", -1, 500_000, "pageout");
        thread(83, 3, 1_234);

        assertEquals(Duration.ofMillis(12_370), reclaim().cpu(reclaim().kdamonds()));
    }

    @Test
    void switchesOffWhatIsOnAndBackOnWhenClosed() throws IOException {
        Path on = kdamond(0, "on", 83, 500_000, "pageout");
        Path off = kdamond(1, "off", -1, 500_000, "pageout");
        KernelReclaim reclaim = reclaim();

        try (KernelReclaim.Restore restore = reclaim.switchOff(reclaim.kdamonds())) {
            assertEquals("off", Files.readString(on.resolve("state")).trim());
            assertEquals("off", Files.readString(off.resolve("state")).trim());
        }

        assertEquals("on", Files.readString(on.resolve("state")).trim());
        // One that was off before stays off.
        assertEquals("off", Files.readString(off.resolve("state")).trim());
    }

    @Test
    void aKdamondThatCannotBeSwitchedOffFailsTheRunAndRestoresTheOthers() throws IOException {
        Path first = kdamond(0, "on", 83, 500_000, "pageout");
        Path second = kdamond(1, "on", 84, 500_000, "pageout");
        // A directory where the state file should be: writing it fails, as without root.
        Files.delete(second.resolve("state"));
        Files.createDirectory(second.resolve("state"));
        KernelReclaim reclaim = reclaim();
        List<KernelReclaim.Kdamond> kdamonds = List.of(reclaim.kdamonds().get(0),
                new KernelReclaim.Kdamond(second, "on", 84, 500_000, List.of("pageout")));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> reclaim.switchOff(kdamonds));

        assertTrue(failure.getMessage().contains("root only"), failure.getMessage());
        assertEquals("on", Files.readString(first.resolve("state")).trim());
    }

    @Test
    void describesTheStateAtStartAndTheCpuPerSecondOfTheRun() throws IOException {
        kdamond(0, "on", 83, 500_000, "pageout");

        Map<String, Object> described = KernelReclaim.describe(reclaim().kdamonds(), true, Duration.ofMillis(400),
                Duration.ofSeconds(10));

        assertEquals(List.of(Map.of("state", "on", "sampleMs", 500.0, "actions", List.of("pageout"))),
                described.get("kdamonds"));
        assertEquals(true, described.get("switchedOffForTheRun"));
        assertEquals(40.0, described.get("kdamondCpuMsPerS"));
    }
}
