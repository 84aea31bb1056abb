package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.vertx.core.json.JsonObject;

/**
 * An integrator reads the API page (issue #17): without signing in, the console shows the
 * server's OpenAPI document, every operation of it as a card with its parameters, body fields
 * and answers, the README's examples among them, under the server's own CSP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiPageBrowserTest {

    @TempDir
    static Path dataDir;
    @AutoClose
    private ConsoleServer server;
    @AutoClose
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        server = new ConsoleServer(dataDir);
        browser = new Browser();
    }

    @Test
    void theApiPageShowsEveryOperationOfTheDocumentWithoutSigningIn() throws Exception {
        JsonObject document = server.get("/api/openapi.json");
        long operations = document.getJsonObject("paths").stream()
                .mapToLong(path -> ((JsonObject) path.getValue()).fieldNames().stream()
                        .filter(List.of("get", "post", "put", "patch", "delete")::contains).count())
                .sum();

        browser.open(server.url());
        browser.clickLink("API");
        browser.waitForText("h1", "Lupaus API");

        List<WebElement> cards = browser.driver.findElements(By.cssSelector("section.api-operation"));
        assertThat(cards).hasSize((int) operations);
        String feedback = browser.find("#postFeedback").getText();
        assertThat(feedback).contains("POST /api/feedback", "Decide one feedback and record it",
                "customerId", "one of store, web, app, phone, chat, email, social", "\"orderId\": \"O-555\"",
                "201", "409");
        assertThat(browser.find("#health").getText()).contains("Needs no caller.");
        assertThat(browser.find("#tag-rule-sets h2").getText()).isEqualTo("rule sets");
        // Its own script and stylesheet came from the server under its CSP (nothing inline).
        assertThat(browser.script("return getComputedStyle(document.querySelector('.api-post')).backgroundColor"))
                .isEqualTo("rgb(29, 91, 140)");
        browser.screenshot("api", "main");
    }
}
