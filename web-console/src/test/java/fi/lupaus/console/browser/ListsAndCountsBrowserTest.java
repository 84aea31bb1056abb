package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Lists longer than a page, as issue #16 asked: the server sorts, filters and counts them, and the
 * console shows a page at a time with the real total.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListsAndCountsBrowserTest {

    private static final String PASSWORD = "kesäkuun aurinko paistaa";
    // More complaints than a page, received every 13 minutes back to 28 hours ago: their cases fall
    // due in the reverse order, the oldest already overdue.
    private static final int COMPLAINTS = 130;

    private ConsoleServer server;
    private Browser browser;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dataDir) throws Exception {
        server = new ConsoleServer(dataDir);
        server.createUser("maija", PASSWORD, "admin");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonArray batch = new JsonArray();
        for (int i = 0; i < COMPLAINTS; i++) {
            batch.add(new JsonObject().put("id", "fb-list-" + i).put("customerId", "C-L-" + i)
                    .put("receivedAt", now.minus(13L * i, ChronoUnit.MINUTES).toString()).put("touchpoint", "web")
                    .put("phase", "after").put("survey", "CSAT").put("score", 2).put("complaint", true));
        }
        server.postBatch(batch);
        for (int i : new int[] {3, 40, 77}) {
            server.post("/api/cases/" + caseOf("C-L-" + i) + "/resolve", new JsonObject().put("outcome", "contacted"), 200);
        }
        browser = new Browser();
        browser.driver.manage().window().setSize(new Dimension(1366, 850));
        browser.signIn(server.url(), "maija", PASSWORD);
    }

    @AfterEach
    void keepWhatItShowed(TestInfo test) {
        browser.saveFailure("lists-" + test.getTestMethod().orElseThrow().getName());
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
    void theOpenCasesComeByDeadlineAPageAtATimeWithTheirRealTotal() throws Exception {
        List<String> byDeadline = customers(server.get("/api/cases?state=open&sort=due&limit=1000"));
        assertThat(byDeadline).hasSize(COMPLAINTS - 3).first().isEqualTo("C-L-129");

        browser.open(server.url() + "#/cases?tab=open");
        assertThat(browser.waitForText("#cases .count", "127")).isEqualTo("Showing 100 of 127 cases");
        assertThat(customersListed()).containsExactlyElementsOf(byDeadline.subList(0, 100));
        browser.click("#cases button.more");
        browser.waitForText("#cases .count", "Cases: 127");
        assertThat(customersListed()).containsExactlyElementsOf(byDeadline);
        browser.screenshot("cases-paged");
    }

    @Test
    void everyOtherTabIsSortedAndCountedByTheServerToo() {
        browser.open(server.url() + "#/cases?tab=resolved");
        browser.waitForText("#cases .count", "Cases: 3");
        assertThat(customersListed()).as("closed cases: the latest deadline first").containsExactly("C-L-3", "C-L-40", "C-L-77");

        long dueSoon = server.get("/api/cases?dueWithin=24").getLong("total");
        long overdue = server.get("/api/cases?overdue=true").getLong("total");
        assertThat(dueSoon + overdue).isEqualTo(COMPLAINTS - 3);
        browser.click("[data-tab=due-soon]");
        browser.waitForText("#cases .count", Long.toString(dueSoon));
        assertThat(customersListed().get(0)).isEqualTo(customers(server.get("/api/cases?dueWithin=24&sort=due")).get(0));
        browser.click("[data-tab=overdue]");
        browser.waitForText("#cases .count", "Cases: " + overdue);
        assertThat(customersListed()).containsExactlyElementsOf(customers(server.get("/api/cases?overdue=true&sort=due")));
    }

    @Test
    void theRuleFilterFindsAnyPartOfANameOnEveryPageAndTheTotalIsCounted() throws Exception {
        browser.open(server.url() + "#/decisions");
        browser.type("input[name=rule]", "EVERY complaint");
        browser.click("#search");
        // The page's own first search (of every decision) counts 130 too: the list is read once both have answered.
        browser.settle();

        assertThat(browser.waitForText("main .results .count", "130")).isEqualTo("Showing 100 of 130 decisions.");
        assertThat(firedRulesListed()).hasSize(100).allSatisfy(rules -> assertThat(rules)
                .contains("Answer every complaint within 24 hours"));
        browser.screenshot("decisions-counted");
        browser.click("main .results button.more");
        browser.waitForText("main .results .count", "130 decisions found.");
        assertThat(firedRulesListed()).hasSize(130);

        browser.type("input[name=rule]", "no rule is named so");
        browser.click("#search");
        browser.waitForText("main .results .count", "0 decisions found.");
    }

    @Test
    void theLogOfChangesIsFilteredByTheServerByWhatWhoAndWhen() throws Exception {
        browser.open(server.url() + "#/audit");
        String all = browser.waitForText("#audit-events .count", "events");
        long total = server.get("/api/audit/events").getLong("total");
        assertThat(all).isEqualTo(total + " events");

        browser.type("#event-action", "CASE.res");
        browser.click("#show-events");
        browser.waitForText("#audit-events .count", "3 events");
        assertThat(eventsListed()).hasSize(3).allSatisfy(row -> assertThat(row).contains("case.resolved"));
        browser.screenshot("audit-events", "#events");

        browser.type("#event-action", "user.");
        browser.type("#event-actor", "nobody at all");
        browser.click("#show-events");
        browser.waitForText("#audit-events .count", "0 events");

        browser.type("#event-actor", "");
        browser.script("arguments[0].value = arguments[1]", browser.find("#event-from"), "2001-01-01T00:00");
        browser.script("arguments[0].value = arguments[1]", browser.find("#event-to"), "2001-02-01T00:00");
        browser.click("#show-events");
        browser.waitForText("#audit-events .count", "0 events");
    }

    @Test
    void everyNumberOfTheScoreboardOpensTheDecisionsOrCasesItCounts() throws Exception {
        // 130 complaints rated 2 of 5 at the web shop: 3 resolved in time, those given more than 24 h ago late.
        long broken = server.get("/api/cases?overdue=true").getLong("total");
        browser.open(server.url() + "#/scoreboard");
        browser.waitForText("#score-kept", "broken");
        browser.script("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
        List<String> unlinked = browser.driver.findElements(By.cssSelector(
                        ".tiles .figure, .tiles .muted, #score-breakdown td, #score-promises td, #score-weeks td")).stream()
                .filter(cell -> cell.getText().matches(".*[1-9].*"))
                .filter(cell -> cell.findElements(By.tagName("a")).isEmpty())
                .map(WebElement::getText).toList();
        assertThat(unlinked).as("numbers that open nothing").isEmpty();
        browser.screenshot("scoreboard-links");

        // A week's point of the first promise's kept-rate opens what that week's kept-rate in the table opens.
        long week = (Long) browser.script("return document.querySelector('#score-keptByWeek canvas').chart.data.datasets[0]"
                + ".data.findIndex((rate) => rate !== null)");
        String keptThatWeek = browser.driver.findElement(By.cssSelector(
                "#score-weeks tbody tr:nth-child(" + (week + 1) + ") td:nth-of-type(4) a")).getDomAttribute("href");
        browser.clickChartPoint("#score-keptByWeek canvas", 0, (int) week);
        browser.waitForText("main h1", "Cases");
        assertThat(browser.script("return location.hash")).isEqualTo(keptThatWeek);
        browser.driver.navigate().back();
        browser.waitForText("#score-kept", "broken");

        browser.find("#score-kept .muted a.cases-link").click();
        browser.waitForText("#cases-counted", "kept");
        assertThat(browser.waitForText("#cases .count", "Cases")).isEqualTo("Cases: 3");
        assertThat(customersListed()).containsExactly("C-L-77", "C-L-40", "C-L-3");
        browser.screenshot("cases-counted");

        browser.driver.navigate().back();
        browser.waitForText("#score-kept", "broken");
        browser.driver.findElements(By.cssSelector("#score-kept .muted a.cases-link")).get(1).click();
        assertThat(browser.waitForText("#cases .count", "Cases")).isEqualTo("Cases: " + broken);

        browser.driver.navigate().back();
        browser.find("#score-promises a.cases-link.stillOpen").click();
        browser.waitForText("#cases-counted", "on time");
        assertThat(browser.waitForText("#cases .count", "of")).isEqualTo("Showing 100 of " + (COMPLAINTS - 3 - broken) + " cases");
        browser.click("#cases-uncount");
        browser.waitForText("#cases .count", "of " + COMPLAINTS + " cases");

        browser.open(server.url() + "#/scoreboard");
        browser.find("#score-csi .muted a").click();
        browser.waitForText("#decisions-answers", "satisfaction rating");
        assertThat(browser.waitForText("main .results .count", "decisions")).isEqualTo("Showing 100 of 130 decisions.");
        browser.screenshot("decisions-of-a-number");
    }

    @Test
    void theServersReasonsReadInFinnishInTheFinnishView() throws Exception {
        browser.open(server.url() + "#/audit");
        browser.waitForText("#audit-events .count", "events");
        browser.click("#lang");
        try {
            browser.waitForText("#events h2", "Muutosloki");
            browser.script("arguments[0].value = arguments[1]", browser.find("#event-from"), "2001-02-01T00:00");
            browser.script("arguments[0].value = arguments[1]", browser.find("#event-to"), "2001-01-01T00:00");
            browser.click("#show-events");

            assertThat(browser.waitForText("#audit-events", "myöhempi")).contains("on oltava myöhempi kuin ”from”")
                    .doesNotContain("must be after");
            browser.screenshot("reason-fi", "#events");
        } finally {
            browser.click("#lang");
            browser.waitForText("#events h2", "Log of changes");
        }
    }

    private List<String> firedRulesListed() {
        return browser.driver.findElements(By.cssSelector("main .results tbody tr td:nth-child(3)")).stream()
                .map(WebElement::getText).toList();
    }

    private List<String> eventsListed() {
        return browser.driver.findElements(By.cssSelector("#audit-events tbody tr")).stream()
                .map(WebElement::getText).toList();
    }

    private String caseOf(String customerId) {
        return server.get("/api/cases?limit=1000").getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("customerId").equals(customerId)).findFirst().orElseThrow()
                .getString("caseId");
    }

    private static List<String> customers(JsonObject page) {
        return page.getJsonArray("items").stream().map(JsonObject.class::cast).map(c -> c.getString("customerId"))
                .toList();
    }

    private List<String> customersListed() {
        return browser.driver.findElements(By.cssSelector("#cases tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList();
    }
}
