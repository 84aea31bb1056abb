package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** An auditor in the console: searches decisions, explains and replays one, verifies the log, backtests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditorBrowserTest {

    private static final String PASSWORD = "tarkastaja-salasana-2026";

    private ConsoleServer server;
    private Browser browser;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dataDir) throws Exception {
        server = new ConsoleServer(dataDir);
        server.createUser("tarja", PASSWORD, "auditor");
        server.postFeedback(new JsonObject().put("id", "fb-gold").put("customerId", "C-1001")
                .put("touchpoint", "store").put("phase", "core").put("survey", "NPS").put("score", 3)
                .put("comment", "Jono oli pitkä").put("complaint", false).put("orderId", "O-555").put("loyaltyTier", "gold"));
        // Enough history for verify and backtest to report progress (a line per thousand).
        for (int batch = 0; batch < 2; batch++) {
            JsonArray feedback = new JsonArray();
            for (int i = 0; i < 1000; i++) {
                feedback.add(new JsonObject().put("customerId", "C-" + (2000 + i % 50)).put("touchpoint", "web")
                        .put("phase", "after").put("survey", i % 2 == 0 ? "NPS" : "CSAT")
                        .put("score", i % 2 == 0 ? i % 11 : 1 + i % 5).put("complaint", i % 7 == 0));
            }
            server.postBatch(feedback);
        }
        browser = new Browser();
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
    void auditorSearchesExplainsReplaysAndVerifiesInEnglishAndFinnish() throws Exception {
        try {
            browser.open(server.url());
            if (browser.find("html").getAttribute("lang").equals("fi")) {
                browser.click("#lang");
            }
            browser.waitForText("h1", "Sign in");
            browser.screenshot("sign-in");
            browser.type("input[name=username]", "tarja");
            browser.type("input[name=password]", "wrong password here");
            browser.click("#sign-in");
            assertThat(browser.waitForText(".error-box", "wrong")).contains("The username or the password is wrong");
            browser.type("input[name=password]", PASSWORD);
            browser.click("#sign-in");
            assertThat(browser.waitForText("#who", "tarja")).contains("auditor");

            // What an auditor may read is in the menu; cases are read-only to them.
            String menu = browser.find("#nav").getText();
            assertThat(menu).contains("Rules", "Decisions", "Audit", "Cases", "Scoreboard");

            // Search a customer's decisions and open one.
            browser.clickLink("Decisions");
            browser.type("input[name=customerId]", "C-1001");
            browser.click("#search");
            assertThat(browser.waitForText(".results .count", "1 decision")).contains("1 decision found");
            assertThat(browser.find(".results tbody").getText()).contains("Escalate a gold-tier detractor to the team lead");
            browser.screenshot("decisions");
            browser.find(".results tbody a").click();
            assertThat(browser.waitForText("main h1", "Decision")).isEqualTo("Decision");
            assertThat(browser.find("main").getText()).contains("Open a case", "team-lead", "Jono oli pitkä");

            // Explain it: which rules fired, and for the others the first condition that failed.
            browser.click("#explain");
            String explanation = browser.waitForText("#explanation", "Rules that did not fire");
            assertThat(explanation).contains("Escalate a gold-tier detractor to the team lead")
                    .contains("Did not fire: the condition");

            // Replay it: the same decision today.
            browser.click("#replay-button");
            assertThat(browser.waitForText("#replay .outcome", "Identical")).startsWith("Identical");
            browser.screenshot("decision-explained", "#replay");

            // Verify the whole log, with progress, and backtest the live version.
            browser.clickLink("Audit");
            browser.click("#verify");
            assertThat(browser.waitForText("#verify-result .outcome", "intact")).contains("2,001 decisions checked");
            assertThat(browser.find("#verify-result .progress-text").getText()).contains("decisions checked");
            browser.click("#backtest");
            assertThat(browser.waitForText("#backtest-result .outcome", "decided again"))
                    .contains("2,001 feedback decided again; 0 decisions would change");
            browser.screenshot("audit", "#backtest-result");

            // Finnish, remembered after a reload.
            browser.click("#lang");
            browser.waitForText("#nav", "Päätökset");
            browser.open(server.url() + "#/decisions");
            assertThat(browser.waitForText("main h1", "Päätökset")).isEqualTo("Päätökset");
            assertThat(browser.find("#lang").getText()).isEqualTo("In English");
            browser.settle();
            browser.screenshot("decisions-fi");
            browser.click("#lang");
            browser.waitForText("main h1", "Decisions");
        } catch (AssertionError | RuntimeException e) {
            browser.saveFailure("auditor");
            throw e;
        }
    }
}
