package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Trying a version before it goes live, in the console (issue #16): a backtest of the draft being
 * edited, saved or not, with its changed decisions each opening; a shadow run started from a
 * version, watched, each differing decision opening, and stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShadowAndBacktestBrowserTest {

    private static final String PASSWORD = "kesäkuun aurinko paistaa";
    private static final String PROMISE = "delivery-complaint-12h";

    private ConsoleServer server;
    private Browser browser;
    private String draft;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dataDir) throws Exception {
        server = new ConsoleServer(dataDir);
        server.createUser("maija", PASSWORD, "cx-manager");
        String live = server.get("/api/rulesets").getString("live");
        server.postFeedback(lateDelivery("fb-past"));
        draft = draftWithPromise(live);
        browser = new Browser();
        browser.driver.manage().window().setSize(new Dimension(1366, 850));
        browser.signIn(server.url(), "maija", PASSWORD);
    }

    @AfterEach
    void keepWhatItShowed(TestInfo test) {
        browser.saveFailure("shadow-backtest-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theDraftBeingEditedIsBacktestedWithoutSavingAndEachChangedDecisionOpens() throws Exception {
        browser.open(server.url() + "#/rules/" + draft);
        browser.click("#backtest-draft");
        assertThat(browser.waitForText("#backtest-draft-result", "would change")).contains("1 decision would change");
        WebElement changed = browser.find("#backtest-sample li");
        assertThat(changed.getText()).contains("Now").contains("With the version").contains(PROMISE);
        browser.screenshot("backtest-draft", "#backtest-draft-result");

        // The promise's file emptied in the editor, not saved: the backtest decides with what the editor holds.
        browser.driver.findElements(By.cssSelector(".tabs [role=tab]")).stream()
                .filter(tab -> tab.getText().equals(PROMISE + ".drl")).findFirst().orElseThrow().click();
        browser.inEditor("#editor", ".cm-content").click();
        new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL)
                .sendKeys(Keys.BACK_SPACE).sendKeys("package fi.lupaus.rules.custom").perform();
        browser.waitForText("#validity", "no errors");
        browser.click("#backtest-draft");
        assertThat(browser.waitForText("#backtest-draft-result", "would change")).contains("0 decisions would change");

        // The changed decision opens.
        browser.driver.navigate().refresh();
        browser.click("#backtest-draft");
        browser.waitForText("#backtest-draft-result", "1 decision would change");
        browser.find("#backtest-sample li a").click();
        assertThat(browser.waitForText("main h1", "Decision")).isEqualTo("Decision");
    }

    @Test
    @Order(2)
    void aShadowRunStartsFromAVersionShowsItsDifferencesEachOpeningAndStops() throws Exception {
        browser.open(server.url() + "#/rules/" + draft);
        browser.click("#start-shadow");
        browser.confirm(null);
        browser.waitForText("#shadow", "Shadow run");
        assertThat(browser.find("#shadow").getText()).contains(draft.substring(0, 12)).contains("0 feedback decided");

        // New feedback: the live version decides it, the shadow version beside it, and they differ.
        server.postFeedback(lateDelivery("fb-shadowed"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> {
            browser.click("#shadow-refresh");
            browser.settle();
            return browser.find("#shadow-counts").getText().contains("1 decision differs");
        });
        assertThat(browser.find("#shadow-actions").getText()).contains("Open a case");
        assertThat(browser.find("#shadow-sample li").getText()).contains(PROMISE);
        browser.screenshot("shadow", "#shadow");
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.screenshot("shadow-phone", "#shadow");
        browser.driver.manage().window().setSize(new Dimension(1366, 850));

        browser.find("#shadow-sample li a").click();
        assertThat(browser.waitForText("main h1", "Decision")).isEqualTo("Decision");
        browser.driver.navigate().back();

        browser.click("#shadow-stop");
        browser.confirm(null);
        browser.waitForText("#shadow", "stopped");
        assertThat(shadowStatus()).isEqualTo(404);
    }

    private String draftWithPromise(String base) {
        JsonObject composed = new JsonObject(server.post("/api/rulesets/compose", new JsonObject().put("lang", "en")
                .put("promise", PROMISE).put("title", "Delivery complaints are answered within 12 hours")
                .put("when", new JsonObject().put("kind", "complaint").put("touchpoint", "WEB").put("commentMentions", "delivery"))
                .put("then", new JsonObject().put("action", "OPEN_CASE").put("owner", "service-team").put("priority", "HIGH")
                        .put("withinHours", 12)), 200)).getJsonObject("source");
        JsonArray sources = server.get("/api/rulesets/" + base).getJsonArray("sources").copy();
        sources.add(composed);
        return new JsonObject(server.post("/api/rulesets", new JsonObject().put("sources", sources)
                .put("comment", "Delivery complaints within 12 hours").put("basedOn", base), 201)).getString("version");
    }

    private int shadowStatus() throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "api/rulesets/shadow"))
                .header("Authorization", "Bearer " + ConsoleServer.ADMIN_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode();
    }

    private static JsonObject lateDelivery(String id) {
        return new JsonObject().put("id", id).put("customerId", "C-7007").put("touchpoint", "web").put("phase", "after")
                .put("survey", "CSAT").put("score", 2).put("complaint", true)
                .put("comment", "The delivery was three days late").put("loyaltyTier", "silver");
    }
}
