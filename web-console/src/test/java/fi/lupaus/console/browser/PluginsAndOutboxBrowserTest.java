package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import com.sun.net.httpserver.HttpServer;

import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.console.delivery.WebhookHandler;
import io.vertx.core.json.JsonObject;

/**
 * An admin looks after what extends Lupaus and what it delivers (issue #7, "Eclipse-style
 * plugins"): sees the plugins directory with a broken jar reported in plain words beside the
 * built-in contributions and the handlers in use; sees the webhook's deliveries die against a
 * receiver that answers 500, with that error; retries one and then the rest once the receiver
 * works, and sees them delivered. An auditor reads the outbox but is offered no retry. The
 * outbox tries three times, 100 ms apart and more, so that deliveries die within the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginsAndOutboxBrowserTest {

    private static final String PASSWORD = "kesäkuun aurinko paistaa";

    private Path plugins;
    private Receiver receiver;
    @AutoClose
    private ConsoleServer server;
    @AutoClose
    private Browser browser;

    /** A webhook receiver on a real port: it answers 500 until it is fixed, then 204; it counts what it got per delivery. */
    private static final class Receiver {
        final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        volatile boolean fixed;
        final HttpServer http;

        Receiver() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/lupaus-actions", exchange -> {
                exchange.getRequestBody().readAllBytes();
                received.computeIfAbsent(exchange.getRequestHeaders().getFirst(WebhookHandler.IDEMPOTENCY_HEADER),
                        key -> new AtomicInteger()).incrementAndGet();
                exchange.sendResponseHeaders(fixed ? 204 : 500, -1);
                exchange.close();
            });
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/lupaus-actions";
        }
    }

    @BeforeAll
    void startServerReceiverAndBrowser(@TempDir Path dataDir) throws Exception {
        plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.writeString(plugins.resolve("crm-sync.jar"), "not a jar at all");
        receiver = new Receiver();
        server = new ConsoleServer(dataDir, ExtensionsConfig.defaults().withPluginsDir(plugins)
                .withOutbox(new ExtensionsConfig.Outbox(Duration.ofMillis(50), 3, Duration.ofMillis(100),
                        Duration.ofMillis(400), true))
                .withWebhook(new ExtensionsConfig.Webhook(receiver.url(), "browser-test-webhook-secret",
                        Duration.ofSeconds(2))));
        server.createUser("aino", PASSWORD, "admin");
        server.createUser("olli", PASSWORD, "auditor");
        browser = new Browser();
    }

    @AfterAll
    void stopReceiver() {
        receiver.http.stop(0);
    }

    @Test
    void adminSeesThePluginsAndRetriesDeadDeliveriesAuditorOnlyReadsThem() throws Exception {
        try {
            browser.signIn(server.url(), "aino", PASSWORD);
            assertThat(browser.find("#nav").getText()).contains("Plugins", "Outbox");

            // The plugins page: the directory, the broken jar in plain words, what is built in, the handlers.
            browser.clickLink("Plugins");
            browser.waitForText("main h1", "Plugins");
            assertThat(browser.find("#plugins-directory").getText()).isEqualTo(plugins.toAbsolutePath().normalize().toString());
            assertThat(browser.find("#plugins-summary").getText()).contains("plugins: 1; in use: 0; not in use: 1");
            WebElement broken = browser.find("[data-plugin='crm-sync.jar']");
            assertThat(broken.getAttribute("data-state")).isEqualTo("failed");
            assertThat(broken.getText()).contains("crm-sync.jar", "failed",
                    "Not in use: the file could not be read as a plugin. Is it a plugin’s jar file?",
                    "The server says: it could not be loaded").doesNotContain("Exception");
            JsonObject listed = server.get("/api/plugins");
            String builtIn = browser.find("#built-in").getText();
            assertThat(builtIn).contains("Rule packs", "fi.lupaus.rules.StandardPolicyPack");
            listed.getJsonArray("classPath").stream().map(JsonObject.class::cast)
                    .forEach(contribution -> assertThat(builtIn).contains(contribution.getString("class")));
            assertThat(listed.getJsonArray("actionHandlers")).containsExactly("log", "webhook");
            assertThat(browser.find("#handlers").getText())
                    .contains("log writes every action to the server log", "webhook posts every action, signed, to a web address");
            browser.click("#extension-points summary");
            assertThat(browser.find("#extension-points tbody").getText()).contains("Rule packs", "fi.lupaus.rule-pack/1",
                    "Action handlers", "Fact enrichers", "Feedback sources");
            browser.screenshot("plugins");

            // Feedback whose actions the webhook cannot deliver: each dies after three attempts.
            int actions = server.postFeedback(feedback("fb-1", "C-201", 10)).getJsonArray("actions").size()
                    + server.postFeedback(feedback("fb-2", "C-202", 3)).getJsonArray("actions").size();
            assertThat(actions).isGreaterThanOrEqualTo(3);
            eventually(() -> counts().getInteger("dead") == actions && counts().getInteger("delivered") == actions);

            // The outbox opens on the dead ones, each with its error in words.
            browser.click("a[href='#/outbox']");
            browser.waitForText("main h1", "Outbox");
            assertThat(browser.waitForText("#outbox-dead .figure", String.valueOf(actions))).isEqualTo(String.valueOf(actions));
            assertThat(browser.find("#outbox-delivered .figure").getText()).isEqualTo(String.valueOf(actions));
            assertThat(browser.find("#outbox-pending .figure").getText()).isEqualTo("0");
            assertThat(browser.find("[data-tab=dead]").getAttribute("aria-selected")).isEqualTo("true");
            browser.waitForText("#deliveries .count", "Showing");
            List<WebElement> dead = rows();
            assertThat(dead).hasSize(actions);
            assertThat(dead.get(0).getText()).contains("webhook", "dead", "given up after 3 attempts",
                    "The receiver answered 500 and did not take the action.", "Retry").doesNotContain("IOException");
            assertThat(browser.find("#deliveries").getText()).contains("Thank the customer", "Open a case", "Ask for a review");
            browser.screenshot("outbox");

            // The receiver works again; one delivery is retried from the keyboard: it is pending at once.
            receiver.fixed = true;
            String first = dead.get(0).getAttribute("data-delivery");
            String firstKey = server.get("/api/outbox?state=dead&limit=1").getJsonArray("items").getJsonObject(0)
                    .getString("deliveryId");
            WebElement retry = dead.get(0).findElement(By.cssSelector("button.retry"));
            assertThat(retry.getAttribute("aria-label")).startsWith("Retry: ").endsWith(" through webhook");
            retry.sendKeys(Keys.ENTER);
            assertThat(browser.waitForText("#outbox-message", "pending again"))
                    .isEqualTo("The delivery is pending again: it is sent again at once.");
            WebElement retried = browser.find("tr[data-delivery='" + first + "']");
            assertThat(retried.getAttribute("data-state")).isEqualTo("pending");
            assertThat(retried.findElement(By.cssSelector(".attempts")).getText()).isEqualTo("0");
            assertThat(retried.getText()).contains("pending", "next attempt").doesNotContain("Retry");
            assertThat(browser.script("return document.activeElement.closest('tr')?.dataset.delivery")).isEqualTo(first);
            eventually(() -> receiver.received.get(firstKey).get() == 4 && counts().getInteger("dead") == actions - 1);

            // The rest in one go; the dead list empties, and every webhook delivery is delivered.
            browser.click("#retry-all");
            assertThat(browser.waitForText("#outbox-message", "sent round again"))
                    .isEqualTo("Deliveries sent round again: " + (actions - 1) + ". They are pending and are sent at once.");
            assertThat(browser.waitForText("#deliveries", "No dead deliveries"))
                    .isEqualTo("No dead deliveries: every action was delivered or is still being tried.");
            assertThat(browser.find("#outbox-dead .figure").getText()).isEqualTo("0");
            assertThat(browser.find("#retry-all").isEnabled()).isFalse();
            eventually(() -> counts().getInteger("delivered") == 2 * actions);
            browser.click("[data-tab=delivered]");
            browser.waitForText("#deliveries .count", "Showing " + 2 * actions + " of " + 2 * actions);
            assertThat(rows()).filteredOn(row -> row.getText().contains("webhook")).hasSize(actions)
                    .allSatisfy(row -> assertThat(row.getText()).contains("delivered"));
            assertThat(receiver.received).hasSize(actions);

            // In Finnish.
            browser.click("#lang");
            assertThat(browser.waitForText("main h1", "Toimitukset")).isEqualTo("Toimitukset");
            assertThat(browser.find("#nav").getText()).contains("Laajennukset", "Toimitukset");
            assertThat(browser.waitForText("#deliveries", "perillä")).contains("palvelimen loki", "toimitettu", "Pyydä arvostelua");
            assertThat(browser.script("return new Set([...document.querySelectorAll('#nav a')].map((a) => a.offsetTop)).size"))
                    .as("the menu fits on one line at 1280 px").isEqualTo(1L);
            browser.screenshot("outbox-fi", "body");
            browser.click("#lang");
            browser.waitForText("main h1", "Outbox");

            // An auditor reads the same outbox and is offered no retry.
            browser.click("#signout");
            browser.signIn(server.url(), "olli", PASSWORD);
            browser.clickLink("Outbox");
            assertThat(browser.waitForText("#outbox-read-only", "only an admin"))
                    .isEqualTo("You may read the outbox; only an admin may retry deliveries.");
            browser.click("[data-tab=dead]");
            browser.waitForText("#deliveries", "No dead deliveries");
            assertThat(browser.driver.findElements(By.id("retry-all"))).isEmpty();
            browser.click("[data-tab=all]");
            browser.waitForText("#deliveries .count", "Showing");
            assertThat(browser.driver.findElements(By.cssSelector("#deliveries button.retry"))).isEmpty();
        } catch (AssertionError | RuntimeException e) {
            browser.saveFailure("plugins-and-outbox");
            throw e;
        }
    }

    private List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("#deliveries tbody tr"));
    }

    private JsonObject counts() {
        return server.get("/api/outbox?limit=1").getJsonObject("counts");
    }

    private static JsonObject feedback(String id, String customer, int score) {
        return new JsonObject().put("id", id).put("customerId", customer).put("touchpoint", "web").put("phase", "after")
                .put("survey", "NPS").put("score", score);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not hold within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
