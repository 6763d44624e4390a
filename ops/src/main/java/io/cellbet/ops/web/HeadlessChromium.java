package io.cellbet.ops.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through Selenium, for {@code ops/bench web} and the browser system tests. It runs only the
 * machine's own browser and driver (Debian's {@code chromium} and {@code chromium-driver}): both paths are given to
 * Selenium, so Selenium Manager never runs and nothing is downloaded. Each instance has a fresh profile in a
 * temporary directory (an empty cache), deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (HeadlessChromium chromium = HeadlessChromium.start(HeadlessChromium.Window.DESKTOP)) {
 *     chromium.driver().get(url);
 *     chromium.waitForReady("event", Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long the driver may take to start the browser and to load a page. */
    public static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(60);
    /** Browser console entries kept; a test's console that grows beyond this has a problem of its own. */
    static final int CONSOLE_ENTRIES_MAX = 10_000;
    private static final Duration POLL = Duration.ofMillis(50);
    /**
     * Selenium warns at each start that it has no typed DevTools classes for this Chromium's version. This class
     * sends its few DevTools commands untyped ({@code executeCdpCommand}), so the warning says nothing useful; held
     * here so the quieter level sticks (java.util.logging keeps loggers only weakly).
     */
    private static final Logger CDP_VERSION_LOG = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    /**
     * The size of the page's viewport. The browser window is opened at this size too, but a window cannot be
     * narrower than about 500 pixels and loses height to the browser's own bars, so the viewport is set through
     * DevTools' device metrics, as its device toolbar does.
     *
     * @param width  CSS pixels
     * @param height CSS pixels
     * @param mobile whether the page is shown as on a phone (its viewport meta tag applies, scrollbars overlay)
     */
    public record Window(int width, int height, boolean mobile) {

        public static final Window DESKTOP = new Window(1280, 900, false);
        public static final Window PHONE = new Window(390, 844, true);
        /** Narrower than this, a window given as {@code WIDTHxHEIGHT} is shown as on a phone. */
        static final int MOBILE_WIDTH_BELOW = 600;

        public Window {
            if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
                throw new IllegalArgumentException("A window of " + width + "x" + height + " is not a screen");
            }
        }

        /** {@code desktop}, {@code phone} or {@code <width>x<height>}, such as {@code 1024x768}. */
        public static Window parse(String text) {
            switch (text) {
                case "desktop":
                    return DESKTOP;
                case "phone":
                    return PHONE;
                default:
                    String[] parts = text.split("x");
                    if (parts.length != 2 || !parts[0].matches("\\d{1,5}") || !parts[1].matches("\\d{1,5}")) {
                        throw new IllegalArgumentException("A window is desktop, phone or WIDTHxHEIGHT, was " + text);
                    }
                    int width = Integer.parseInt(parts[0]);
                    return new Window(width, Integer.parseInt(parts[1]), width < MOBILE_WIDTH_BELOW);
            }
        }
    }

    /**
     * One browser console entry of level SEVERE.
     *
     * @param timestampMs when the browser logged it, epoch ms
     * @param message     as Chromium wrote it (network failures start with the URL)
     */
    public record ConsoleError(long timestampMs, String message) {
    }

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final List<ConsoleError> consoleErrors = new ArrayList<>();

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** Whether this machine has the browser and the driver this class runs. */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** What to say when {@link #available()} is false. */
    public static String unavailableReason() {
        return "headless Chromium needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver)";
    }

    /** A browser with a fresh profile and this window, chromedriver's log discarded. */
    public static HeadlessChromium start(Window window) {
        return start(window, null);
    }

    /**
     * A browser with a fresh profile and this window.
     *
     * @param driverLog where chromedriver writes its log; {@code null} discards it
     * @throws IllegalStateException when the browser or the driver is not installed, or the browser does not start
     */
    public static HeadlessChromium start(Window window, Path driverLog) {
        if (!available()) {
            throw new IllegalStateException("Cannot start Chromium: " + unavailableReason());
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("cellbet-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Chromium profile directory", e);
        }
        ChromeDriverService.Builder serviceBuilder = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort();
        if (driverLog != null) {
            serviceBuilder.withLogFile(driverLog.toFile());
        } else {
            serviceBuilder.withSilent(true);
        }
        ChromeDriverService service = serviceBuilder.build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(arguments(profile, window));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        options.setPageLoadTimeout(PAGE_LOAD_TIMEOUT);
        ChromeDriver driver = null;
        try {
            driver = new ChromeDriver(service, options);
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", window.width(),
                    "height", window.height(), "deviceScaleFactor", 1, "mobile", window.mobile()));
            return new HeadlessChromium(service, driver, profile);
        } catch (RuntimeException e) {
            if (driver != null) {
                driver.quit();
            }
            service.stop();
            deleteTree(profile);
            throw new IllegalStateException("Chromium did not start: " + e.getMessage(), e);
        }
    }

    /**
     * The command-line switches of the browser: headless, no sandbox (the tools run as root), and nothing that
     * reaches out to the network by itself (the machine's network refuses such connections, and they would slow
     * the measured page loads).
     */
    static List<String> arguments(Path profile, Window window) {
        return List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + window.width() + "," + window.height());
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens {@code url} and waits for its load event. */
    public void open(String url) {
        driver.get(url);
        collectConsole();
    }

    /** Runs a script in the page: {@code arguments[0]}, ... are {@code args}; {@code return} gives its value. */
    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The first element the CSS selector matches, waiting up to {@code timeout} for one to appear. */
    public WebElement awaitElement(String cssSelector, Duration timeout) {
        return wait(timeout, "an element matching " + cssSelector)
                .until(d -> d.findElements(By.cssSelector(cssSelector)).stream().findFirst().orElse(null));
    }

    /**
     * Clicks the first element the CSS selector matches once it is shown and enabled, waiting up to {@code timeout};
     * an element the page replaced meanwhile or something covering it (a toast) makes it try again.
     */
    public void click(String cssSelector, Duration timeout) {
        wait(timeout, "a clickable element matching " + cssSelector)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(ElementClickInterceptedException.class)
                .ignoring(ElementNotInteractableException.class)
                .until(d -> {
                    WebElement element = d.findElements(By.cssSelector(cssSelector)).stream().findFirst().orElse(null);
                    if (element == null || !element.isDisplayed() || !element.isEnabled()) {
                        return false;
                    }
                    element.click();
                    return true;
                });
        collectConsole();
    }

    /** Submits the form the selector matches as its submit button would ({@code requestSubmit()}). */
    public void submit(String formSelector) {
        script("arguments[0].requestSubmit();", driver.findElement(By.cssSelector(formSelector)));
    }

    /**
     * Waits until the app has rendered {@code route} and attached its handlers: {@code <html data-ready="true"
     * data-route="<route>">} (docs/web-app.md).
     *
     * @throws TimeoutException naming the route and readiness the page had at the end
     */
    public void waitForReady(String route, Duration timeout) {
        try {
            wait(timeout, "route " + route + " ready").until(d -> Boolean.TRUE.equals(script(
                    "const html = document.documentElement; return html.dataset.ready === 'true' "
                            + "&& html.dataset.route === arguments[0];", route)));
        } catch (TimeoutException e) {
            Object state = script("const html = document.documentElement; return location.href + ' data-route='"
                    + " + html.dataset.route + ' data-ready=' + html.dataset.ready;");
            throw new TimeoutException("The page did not become ready as route " + route + " within "
                    + timeout.toMillis() + " ms; it is at " + state + ". Console errors: " + consoleErrors(), e);
        } finally {
            collectConsole();
        }
    }

    /**
     * Sets the form field {@code name} of the form the selector matches to {@code value}, as typing or choosing
     * would, firing {@code input} and {@code change}. A checkbox is checked by {@code "true"}.
     */
    public void setField(String formSelector, String name, String value) {
        setField(driver.findElement(By.cssSelector(formSelector)), name, value);
    }

    /** {@link #setField(String, String, String)} on a form element found already. */
    public void setField(WebElement form, String name, String value) {
        Object done = script("const field = arguments[0].elements[arguments[1]];"
                + "if (!field) return false;" + SET_VALUE + "return true;", form, name, value);
        if (!Boolean.TRUE.equals(done)) {
            throw new IllegalArgumentException("The form has no field named " + name);
        }
    }

    /** Sets an input's or a select's value as the player would, firing {@code input} and {@code change}. */
    public void setValue(WebElement field, String value) {
        script("const field = arguments[0]; const value = arguments[1];" + SET_VALUE.replace("arguments[2]", "value"),
                field, value);
    }

    /**
     * Sets {@code field} to {@code arguments[2]} through the element's own value setter (so that frameworks watching
     * the property see it), then fires the events a person's input fires.
     */
    private static final String SET_VALUE = "if (field.type === 'checkbox' || field.type === 'radio') {"
            + "  field.checked = arguments[2] === 'true';"
            + "} else {"
            + "  const prototype = field instanceof HTMLSelectElement ? HTMLSelectElement.prototype"
            + "    : field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;"
            + "  Object.getOwnPropertyDescriptor(prototype, 'value').set.call(field, arguments[2]);"
            + "}"
            + "field.dispatchEvent(new Event('input', { bubbles: true }));"
            + "field.dispatchEvent(new Event('change', { bubbles: true }));";

    /** Slows the page's CPU by this factor (Chrome DevTools' throttling; 1 turns it off). */
    public void throttleCpu(double rate) {
        if (!(rate >= 1)) {
            throw new IllegalArgumentException("A CPU throttling rate is at least 1, was " + rate);
        }
        driver.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", rate));
    }

    /** Saves a PNG of the viewport to {@code file}, creating its directory; returns the file. */
    public Path screenshot(Path file) {
        Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.move(png, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save a screenshot as " + file, e);
        }
        return file;
    }

    /**
     * Every SEVERE browser console entry since the browser started, across navigations (uncaught exceptions,
     * {@code console.error}, and the requests that failed, which Chromium logs as errors too).
     */
    public List<ConsoleError> consoleErrors() {
        collectConsole();
        synchronized (consoleErrors) {
            return List.copyOf(consoleErrors);
        }
    }

    /** Moves the entries the driver buffered into this instance's list; the driver hands each entry out once. */
    private void collectConsole() {
        List<LogEntry> entries;
        try {
            entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        } catch (RuntimeException e) {
            // The browser is gone (closed or crashed): what was collected stays.
            return;
        }
        synchronized (consoleErrors) {
            for (LogEntry entry : entries) {
                if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                        && consoleErrors.size() < CONSOLE_ENTRIES_MAX) {
                    consoleErrors.add(new ConsoleError(entry.getTimestamp(), entry.getMessage()));
                }
            }
        }
    }

    private WebDriverWait wait(Duration timeout, String what) {
        WebDriverWait wait = new WebDriverWait(driver, Objects.requireNonNull(timeout), POLL);
        wait.withMessage("waiting for " + what);
        return wait;
    }

    /** Quits the browser and the driver and deletes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // Already gone; the service and the profile still need their cleanup.
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }
}
