package io.casegate.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium for the browser tests, with its own throw-away profile, the language
 * a visitor's browser asks for, and JavaScript on or off. Screenshots go to
 * {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(String acceptLanguage, boolean javaScript, Dimension size) {
        try {
            profile = Files.createTempDirectory("casegate-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--lang=" + acceptLanguage.split(",")[0],
                "--window-size=" + size.getWidth() + "," + size.getHeight());
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", acceptLanguage);
        if (!javaScript) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        options.setExperimentalOption("prefs", prefs);
        // The console, so that tests can see Content-Security-Policy violations (BrowserHardeningIT).
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                // Chromium on Linux takes its own language (file pickers, built-in texts) from here, not from --lang.
                .withEnvironment(Map.of("LANGUAGE", acceptLanguage.split(",")[0].replace('-', '_')))
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** A Russian-speaking visitor's browser with JavaScript on. */
    public static Browser russian() {
        return new Browser("ru-RU,ru", true, new Dimension(1280, 1200));
    }

    public static Browser russianWithoutJavaScript() {
        return new Browser("ru-RU,ru", false, new Dimension(1280, 1200));
    }

    public static Browser english() {
        return new Browser("en-GB,en", true, new Dimension(1280, 1200));
    }

    /** A phone-sized window, for the README's pictures and the mobile layout. */
    public static Browser russian(int width, int height) {
        return new Browser("ru-RU,ru", true, new Dimension(width, height));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Limits what the page can upload to {@code bytesPerSecond} (Chrome's network emulation), so that sending takes a while. */
    public void throttleUpload(int bytesPerSecond) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", bytesPerSecond));
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #screenshot} but of the whole page: the window grows to the page's height for the picture. */
    public Path fullPageScreenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long height = ((Number) driver.executeScript(
                        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"))
                .longValue();
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int)
                Math.max(window.getHeight(), height + 140)));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (var paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // A leftover profile in the temp directory harms nothing.
        }
    }
}
