package dev.conveyor.adapter.rest.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The system's headless Chromium driven through the system's chromedriver, never anything downloaded: the driver's
 * path is given, so Selenium Manager is never asked. One per test class; a fresh profile in a temporary folder.
 * Without Chromium it fails, never skips, saying how to install it.
 */
public final class Browser implements AutoCloseable {

    /** How long a page gets to show what a test waits for: a few 2 s polls, and a loaded machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Path CHROMIUM = Path.of(System.getProperty("conveyor.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("conveyor.test.chromedriver", "/usr/bin/chromedriver"));

    /**
     * Selenium looks for a DevTools binding of the browser's version and warns when it has none; these tests use
     * WebDriver only. JUL holds loggers weakly, hence the field.
     */
    private static final java.util.logging.Logger CDP_FINDER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_FINDER.setLevel(java.util.logging.Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;
    private final URI base;

    private Browser(ChromeDriver driver, Path profile, URI base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** A browser for the service at {@code base}. */
    public static Browser start(URI base) {
        for (Path required : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(required)) {
                throw new AssertionError("The dashboard's tests drive a real Chromium, and " + required + " is not "
                        + "there. Install Chromium and its driver (Debian/Ubuntu: sudo apt-get update && sudo apt-get "
                        + "install -y chromium chromium-driver), or point -Dconveyor.test.chromium and "
                        + "-Dconveyor.test.chromedriver at them.");
            }
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("conveyor-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--disable-extensions", "--window-size=1280,1200", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        try {
            return new Browser(new ChromeDriver(service, options), profile, base);
        } catch (RuntimeException e) {
            delete(profile);
            throw new AssertionError("Chromium did not start (" + CHROMIUM + " with " + CHROMEDRIVER + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Loads the dashboard afresh at {@code route} (such as {@code /jobs/…}) in the same tab, so what the tab keeps
     * in its sessionStorage (the token) stays.
     */
    public void open(String route) {
        driver.get("about:blank"); // else a change of fragment alone would not load the page again
        driver.get(base.resolve("/") + "#" + route);
    }

    public WebDriver driver() {
        return driver;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public Stream<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css)).stream();
    }

    /** Waits until the condition holds (non-null, non-false), failing with {@code what} after {@link #PATIENCE}. */
    public <T> T await(String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(what).until(condition);
    }

    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Sets (or with null removes) the signed-in token, as the sign-in form keeps it. */
    public void token(String token) {
        if (token == null) {
            script("sessionStorage.removeItem('conveyor.token')");
        } else {
            script("sessionStorage.setItem('conveyor.token', arguments[0])", token);
        }
    }

    /** Saves what the browser shows under {@code target/screenshots/}. */
    public Path screenshot(String name) {
        Path target = Path.of("target", "screenshots", name + ".png");
        try {
            Files.createDirectories(target.getParent());
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + target, e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind harms nothing
        }
    }
}
