package io.cellbet.ops.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadlessChromiumTest {

    @Test
    void runsHeadlessWithAFreshProfileAndNothingThatReachesOutByItself() {
        List<String> arguments = HeadlessChromium.arguments(Path.of("/tmp/profile-1"),
                HeadlessChromium.Window.PHONE);

        assertTrue(arguments.containsAll(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync")), arguments::toString);
        assertTrue(arguments.contains("--user-data-dir=/tmp/profile-1"), arguments::toString);
        assertTrue(arguments.contains("--window-size=390,844"), arguments::toString);
    }

    @Test
    void windowsAreNamedOrGivenAsWidthByHeight() {
        assertEquals(new HeadlessChromium.Window(1280, 900, false), HeadlessChromium.Window.parse("desktop"));
        assertEquals(new HeadlessChromium.Window(390, 844, true), HeadlessChromium.Window.parse("phone"));
        assertEquals(new HeadlessChromium.Window(1024, 768, false), HeadlessChromium.Window.parse("1024x768"));
        assertEquals(new HeadlessChromium.Window(360, 740, true), HeadlessChromium.Window.parse("360x740"));
        for (String bad : List.of("tablet", "1024", "1024x", "x768", "10x768", "-5x100")) {
            assertThrows(IllegalArgumentException.class, () -> HeadlessChromium.Window.parse(bad), bad);
        }
    }
}
