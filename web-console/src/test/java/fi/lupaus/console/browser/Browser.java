package fi.lupaus.console.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchShadowRootException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, one per test class. A machine without
 * them fails the test with what to install: browser tests are never skipped silently.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("lupaus.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("lupaus.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;

    Browser() throws IOException {
        for (String binary : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new AssertionError(binary + " is missing: the browser tests need Debian's Chromium. Install it with"
                        + " 'apt-get install -y chromium chromium-driver' (.ci/run does), or point -Dlupaus.chromium and"
                        + " -Dlupaus.chromedriver at another build.");
            }
        }
        profile = Files.createTempDirectory("lupaus-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,800", "--lang=en-GB", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Opens the console in English and signs in; answers once the page names the user. */
    void signIn(String url, String username, String password) {
        open(url);
        if (find("html").getAttribute("lang").equals("fi")) {
            click("#lang");
        }
        type("input[name=username]", username);
        type("input[name=password]", password);
        click("#sign-in");
        waitForText("#who", username);
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** An element inside a CodeMirror editor, which lives in the host element's shadow root. */
    WebElement inEditor(String hostCss, String css) {
        return wait.until(d -> {
            try {
                WebElement found = d.findElement(By.cssSelector(hostCss)).getShadowRoot().findElement(By.cssSelector(css));
                return found.isDisplayed() ? found : null;
            } catch (NoSuchElementException | NoSuchShadowRootException | StaleElementReferenceException e) {
                return null;
            }
        });
    }

    /** Waits until the editor's text contains the words, and answers it. */
    String waitForEditorText(String hostCss, String words) {
        return wait.until(d -> {
            String text = inEditor(hostCss, ".cm-content").getText();
            return text.contains(words) ? text : null;
        });
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    void choose(String css, String value) {
        new Select(find(css)).selectByValue(value);
    }

    /** Waits until the element's text contains the words, and answers the whole text. */
    String waitForText(String css, String words) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), words));
        return find(css).getText();
    }

    /** Waits until {@code condition} answers something other than null or false, and answers that. */
    <T> T until(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return wait.until(condition);
    }

    /** Answers yes in the console's confirmation dialog, with a comment when one is given. */
    void confirm(String comment) {
        find("dialog.confirm");
        if (comment != null) {
            type("#confirm-comment", comment);
        }
        click("#confirm-ok");
    }

    void clickLink(String text) {
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(text))).click();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Clicks a chart's point (or bar): the dataset's index-th, where the chart drew it. */
    void clickChartPoint(String canvas, int dataset, int index) {
        find(canvas);
        wait.until(d -> Boolean.TRUE.equals(script("return !!document.querySelector(arguments[0]).chart", canvas)));
        @SuppressWarnings("unchecked")
        java.util.List<Number> at = (java.util.List<Number>) script("const canvas = document.querySelector(arguments[0]);"
                + " canvas.scrollIntoView({block: 'center'});"
                + " const point = canvas.chart.getDatasetMeta(arguments[1]).data[arguments[2]];"
                + " const box = canvas.getBoundingClientRect();"
                + " return [point.x - box.width / 2, point.y - box.height / 2 + (point.height ? point.height / 2 - 2 : 0)];",
                canvas, dataset, index);
        new org.openqa.selenium.interactions.Actions(driver)
                .moveToElement(find(canvas), at.get(0).intValue(), at.get(1).intValue()).click().perform();
    }

    /** Waits for the page to be idle (no request in progress) after an action. */
    void settle() {
        wait.until(d -> !"true".equals(script("return document.body.getAttribute('aria-busy')")));
    }

    /** Saves what the browser shows as {name}.png in {@link #screenshots()}. */
    void screenshot(String name) throws IOException {
        screenshot(name, "main");
    }

    /** Like {@link #screenshot(String)}, with the element scrolled to the top of the window first. */
    void screenshot(String name, String css) throws IOException {
        settle();
        script("arguments[0].scrollIntoView({block: 'start'}); document.activeElement?.blur?.();", find(css));
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path dir = screenshots();
        Files.createDirectories(dir);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** What the page showed when a test failed: target/browser-failures/{name}.png and .txt. */
    void saveFailure(String name) {
        try {
            Path dir = Path.of("target", "browser-failures");
            Files.createDirectories(dir);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(name + ".txt"), driver.getCurrentUrl() + "\n\n"
                    + driver.findElement(By.tagName("body")).getText());
        } catch (RuntimeException | IOException e) {
            // the test's own failure is what matters
        }
    }

    /**
     * target/screenshots, so that running the tests leaves the work tree clean; with
     * {@code -Dlupaus.screenshots=docs} the screenshots in docs/screenshots (docs/console.md) are renewed.
     */
    private static Path screenshots() {
        if (!"docs".equals(System.getProperty("lupaus.screenshots"))) {
            return Path.of("target", "screenshots");
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".ci"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("target") : dir.resolve("docs")).resolve("screenshots");
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
