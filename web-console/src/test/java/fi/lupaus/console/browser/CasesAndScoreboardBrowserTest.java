package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import io.vertx.core.json.JsonObject;

/**
 * A CX manager follows the promises in the console (issue #5, "the scoreboard and cases"): sees
 * the open, due-soon and overdue cases, acknowledges and resolves one, is told in plain words when
 * a case changed meanwhile, and reads NPS, CSI and kept-rates that match the API's numbers.
 * Feedback is posted with {@code receivedAt} in the past, so that one case is overdue at once;
 * the server's deadline sweep runs when the test says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasesAndScoreboardBrowserTest {

    private static final String PASSWORD = "kesäkuun aurinko paistaa";
    private static final String DETRACTOR_PROMISE = "Every detractor gets a personal contact within 48 hours";

    @AutoClose
    private ConsoleServer server;
    @AutoClose
    private Browser browser;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dataDir) throws Exception {
        server = new ConsoleServer(dataDir);
        server.createUser("maija", PASSWORD, "cx-manager");
        browser = new Browser();
    }

    private void postTheWeeksFeedback() {
        Instant now = Instant.now();
        // Detractors: one an hour ago (due in 47 h), one three days ago (a day overdue).
        post("fb-1", "C-101", "store", "core", "NPS", 3, now.minus(Duration.ofHours(1)), false);
        post("fb-2", "C-103", "phone", "core", "NPS", 2, now.minus(Duration.ofDays(3)), false);
        // A complaint two hours ago, with a poor rating: due in 22 h.
        post("fb-3", "C-102", "web", "after", "CSAT", 2, now.minus(Duration.ofHours(2)), true);
        // Promoters, a passive and satisfied ratings.
        post("fb-4", "C-104", "store", "core", "NPS", 10, now.minus(Duration.ofHours(5)), false);
        post("fb-5", "C-105", "store", "core", "NPS", 9, now.minus(Duration.ofDays(3)), false);
        post("fb-6", "C-106", "app", "after", "NPS", 10, now.minus(Duration.ofHours(3)), false);
        post("fb-7", "C-107", "app", "core", "NPS", 8, now.minus(Duration.ofHours(3)), false);
        post("fb-8", "C-108", "web", "core", "CSAT", 5, now.minus(Duration.ofHours(4)), false);
        post("fb-9", "C-109", "web", "core", "CSAT", 4, now.minus(Duration.ofDays(2)), false);
        server.sweep(); // C-103's case is past its deadline: the rules escalate it
    }

    private void post(String id, String customer, String touchpoint, String phase, String survey, int score,
                      Instant receivedAt, boolean complaint) {
        server.postFeedback(new JsonObject().put("id", id).put("customerId", customer).put("touchpoint", touchpoint)
                .put("phase", phase).put("survey", survey).put("score", score).put("complaint", complaint)
                .put("receivedAt", receivedAt.toString()));
    }

    @Test
    void cxManagerWorksTheCasesAndReadsTheScoreboard() throws Exception {
        try {
            browser.signIn(server.url(), "maija", PASSWORD);
            assertThat(browser.find("#nav").getText()).contains("Cases", "Scoreboard");

            // Before any feedback, the scoreboard says so rather than showing empty charts.
            browser.clickLink("Scoreboard");
            assertThat(browser.waitForText("#score-empty", "No feedback")).contains("No feedback in this period yet.");
            postTheWeeksFeedback();

            // The open cases, with their promise in words and how long until (or since) the deadline.
            browser.clickLink("Cases");
            assertThat(browser.waitForText("#cases .count", "Cases")).isEqualTo("Cases: 3");
            assertThat(row("C-101")).contains(DETRACTOR_PROMISE, "service-team").containsPattern("in 4[67] h");
            assertThat(row("C-102")).contains("Every complaint is answered within 24 hours").containsPattern("in 2[12] h");
            assertThat(row("C-103")).containsPattern("2[45] h overdue");
            browser.screenshot("cases");

            // Due soon and overdue, each a tab of its own; the arrow keys move between tabs.
            browser.click("[data-tab=due-soon]");
            assertThat(browser.waitForText("#cases .count", "Cases: 1")).isEqualTo("Cases: 1");
            assertThat(browser.find("#cases tbody").getText()).contains("C-102").doesNotContain("C-101", "C-103");
            browser.find("[data-tab=due-soon]").sendKeys(Keys.ARROW_RIGHT);
            assertThat(browser.find("[data-tab=overdue]").getAttribute("aria-selected")).isEqualTo("true");
            assertThat(browser.waitForText("#cases tbody", "C-103")).doesNotContain("C-101", "C-102");

            // The overdue case shows the escalation the rules decided.
            browser.clickLink("C-103");
            assertThat(browser.waitForText("main h1", "C-103")).isEqualTo("Case for customer C-103");
            assertThat(browser.find("#case-history").getText()).contains("Opened", "Escalated", "the rules");
            assertThat(browser.find("main").getText()).contains("broken: not resolved by its deadline");

            // Acknowledge C-101's case, then resolve it: the promise is kept.
            String caseId = openCaseFromTheList("C-101");
            browser.click("#acknowledge");
            assertThat(browser.waitForText("#case-state", "acknowledged")).isEqualTo("acknowledged");
            assertThat(browser.find("#case-history").getText()).contains("Acknowledged maija");
            browser.find("input[name=outcome][value=contacted]").click();
            browser.type("textarea[name=note]", "Called, apologised for the queue");
            browser.click("#resolve");
            assertThat(browser.waitForText("#case-state", "resolved")).isEqualTo("resolved");
            assertThat(browser.find("#case-outcome").getText()).isEqualTo("contacted the customer");
            assertThat(browser.find("main").getText()).contains("kept: resolved by its deadline",
                    "Called, apologised for the queue", "This case is closed");
            JsonObject resolved = server.get("/api/cases/" + caseId);
            assertThat(resolved.getString("state")).isEqualTo("resolved");
            assertThat(resolved.getString("outcome")).isEqualTo("contacted");
            assertThat(resolved.getBoolean("kept")).isTrue();
            assertThat(resolved.getJsonArray("history").stream().map(step -> ((JsonObject) step).getString("step")))
                    .containsExactly("opened", "acknowledged", "resolved");
            assertThat(browser.find("#case-history").getText()).contains("Resolved maija");
            quietNotices();
            browser.screenshot("case");

            // Someone else resolves C-102's case while the page is open: a click then says so in plain words.
            String complaintCase = openCaseFromTheList("C-102");
            server.post("/api/cases/" + complaintCase + "/resolve",
                    new JsonObject().put("outcome", "compensated").put("note", "Refunded the delivery"), 200);
            browser.click("#acknowledge");
            assertThat(browser.waitForText("#case-message", "already"))
                    .contains("This case is already resolved; nothing more can be done with it.");
            assertThat(browser.waitForText("#case-state", "resolved")).isEqualTo("resolved");
            assertThat(browser.driver.findElements(By.id("acknowledge"))).isEmpty();

            // The scoreboard: the same NPS, CSI and kept-rates as the API for the same feedback.
            browser.clickLink("Scoreboard");
            JsonObject metrics = server.get("/api/metrics");
            JsonObject total = metrics.getJsonObject("total");
            assertThat(total.getDouble("nps")).isEqualTo(16.7); // 3 promoters, 2 detractors of 6
            assertThat(total.getDouble("csi")).isEqualTo(66.7); // 2 of 3 ratings 4–5
            assertThat(browser.waitForText("#score-nps .figure", "16")).isEqualTo(signed(total.getDouble("nps")));
            assertThat(browser.find("#score-csi .figure").getText()).isEqualTo(decimal(total.getDouble("csi")) + "%");
            assertThat(browser.find("#score-responses .figure").getText()).isEqualTo(String.valueOf(total.getInteger("responses")));
            assertThat(browser.find("#score-nps").getText()).contains("Promoters 3, passives 1, detractors 2; 6 answers");
            Map<String, JsonObject> promises = metrics.getJsonArray("promises").stream().map(JsonObject.class::cast)
                    .collect(Collectors.toMap(p -> p.getString("promise"), p -> p));
            JsonObject detractors = promises.get("detractor-contact-48h");
            assertThat(detractors.getInteger("kept")).isEqualTo(1);
            assertThat(detractors.getInteger("broken")).isEqualTo(1);
            assertThat(browser.find("#score-promises").getText()).contains(DETRACTOR_PROMISE + " detractor-contact-48h 2 1 1 0 "
                    + decimal(detractors.getDouble("keptRate")) + "% " + decimal(detractors.getDouble("medianHoursToResolve")) + " h 0");
            JsonObject complaints = promises.get("complaint-answer-24h");
            assertThat(browser.find("#score-promises").getText()).contains("complaint-answer-24h 1 1 0 0 "
                    + decimal(complaints.getDouble("keptRate")) + "%");
            assertThat(browser.find("#score-breakdown").getText()).contains("store", "web shop", "phone", "app");
            quietNotices();
            browser.screenshot("scoreboard");
            browser.screenshot("scoreboard-promises", "#score-keptByWeek");

            // By journey phase, over 12 weeks: the totals stay, the comparison changes.
            browser.find("input[name=by][value=phase]").click();
            assertThat(browser.waitForText("#score-breakdown", "during the service")).contains("after the purchase");
            browser.find("input[name=weeks][value='12']").click();
            browser.click("#scoreboard details summary");
            browser.waitForText("#score-weeks", "wk");
            assertThat(browser.driver.findElements(By.cssSelector("#score-weeks tbody tr"))).hasSize(12);
            assertThat(browser.find("#score-nps .figure").getText()).isEqualTo(signed(total.getDouble("nps")));

            // In Finnish, with a decimal comma.
            browser.click("#lang");
            assertThat(browser.waitForText("main h1", "Tulostaulu")).isEqualTo("Tulostaulu");
            assertThat(browser.waitForText("#score-nps .figure", "16")).isEqualTo("+16,7");
            assertThat(browser.find("#score-csi .figure").getText()).isEqualTo("66,7 %");
            browser.clickLink("Tapaukset");
            browser.click("[data-tab=open]");
            assertThat(browser.waitForText("#cases tbody", "C-103")).containsPattern("2[45] h myöhässä");
            browser.click("#lang");
            browser.waitForText("main h1", "Cases");
        } catch (AssertionError | RuntimeException e) {
            browser.saveFailure("cases-and-scoreboard");
            throw e;
        }
    }

    /** Takes away the last notice ("Case resolved."), which would otherwise cover a screenshot's corner. */
    private void quietNotices() {
        browser.script("document.getElementById('notice').replaceChildren()");
    }

    /** Back to the open cases, then the customer's case; answers its id. */
    private String openCaseFromTheList(String customer) {
        browser.click("main a[href='#/cases']");
        browser.click("[data-tab=open]");
        browser.waitForText("#cases tbody", customer);
        browser.clickLink(customer);
        browser.waitForText("main h1", customer);
        return browser.driver.getCurrentUrl().replaceAll(".*#/cases/", "");
    }

    private String row(String customer) {
        return browser.find("#cases tbody").findElement(By.xpath(".//tr[td/a[text()='" + customer + "']]")).getText();
    }

    /** A number as the console writes it in English: at most one decimal. */
    private static String decimal(double value) {
        return new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.UK)).format(value);
    }

    private static String signed(double value) {
        return (value > 0 ? "+" : "") + decimal(value);
    }
}
