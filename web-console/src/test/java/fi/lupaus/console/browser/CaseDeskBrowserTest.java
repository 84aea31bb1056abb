package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
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
import org.openqa.selenium.support.ui.Select;

import io.vertx.core.json.JsonObject;

/**
 * The cases desk as issue #16 asked for it: the case page says what the customer said, the list
 * puts the most urgent case first, offers owners as choices, and keeps its tab and filters in the
 * address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseDeskBrowserTest {

    private static final String PASSWORD = "kesäkuun aurinko paistaa";

    private ConsoleServer server;
    private Browser browser;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dataDir) throws Exception {
        server = new ConsoleServer(dataDir);
        server.createUser("maija", PASSWORD, "cx-manager");
        // Five complaints received at different times: their cases fall due in that order, not in the order of their ids.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int[] hoursAgo = {2, 9, 1, 7, 4};
        for (int i = 0; i < hoursAgo.length; i++) {
            server.postFeedback(new JsonObject().put("id", "fb-desk-" + i).put("customerId", "C-DESK-" + hoursAgo[i])
                    .put("receivedAt", now.minus(hoursAgo[i], ChronoUnit.HOURS).toString()).put("touchpoint", "web")
                    .put("phase", "after").put("survey", "CSAT").put("score", 2).put("complaint", true)
                    .put("comment", "Paketti tuli " + hoursAgo[i] + " päivää myöhässä").put("loyaltyTier", "silver"));
        }
        browser = new Browser();
        browser.driver.manage().window().setSize(new Dimension(1366, 850));
        browser.signIn(server.url(), "maija", PASSWORD);
    }

    @AfterEach
    void keepWhatItShowed(TestInfo test) {
        browser.saveFailure("case-desk-" + test.getTestMethod().orElseThrow().getName());
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
    void theListPutsTheCaseDueSoonestFirst() {
        browser.open(server.url() + "#/cases");
        browser.waitForText("#cases tbody", "C-DESK-1");

        assertThat(customersListed()).containsExactly("C-DESK-9", "C-DESK-7", "C-DESK-4", "C-DESK-2", "C-DESK-1");
    }

    @Test
    void ownersAreChoicesAndTheTabAndFiltersStayInTheAddress() throws Exception {
        browser.open(server.url() + "#/cases");
        browser.waitForText("#cases tbody", "C-DESK-1");

        Select owner = new Select(browser.find("select[name=owner]"));
        assertThat(owner.getOptions()).extracting(WebElement::getText).contains("service-team");
        owner.selectByValue("service-team");
        browser.click("#show-cases");
        browser.click("[data-tab=all]");
        browser.waitForText("#cases tbody", "C-DESK-1");
        assertThat(browser.driver.getCurrentUrl()).contains("tab=all").contains("owner=service-team");

        // The address opens the same view: after a reload, and after a case and the way back.
        browser.driver.navigate().refresh();
        browser.waitForText("#cases tbody", "C-DESK-1");
        assertThat(browser.find("[data-tab=all]").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(new Select(browser.find("select[name=owner]")).getFirstSelectedOption().getText()).isEqualTo("service-team");
        browser.clickLink("C-DESK-2");
        browser.waitForText("main h1", "C-DESK-2");
        browser.clickLink("← All cases");
        browser.waitForText("#cases tbody", "C-DESK-1");
        assertThat(browser.find("[data-tab=all]").getAttribute("aria-selected")).isEqualTo("true");
        browser.screenshot("cases-desk");
    }

    @Test
    void theCasePageSaysWhatTheCustomerSaid() throws Exception {
        browser.open(server.url() + "#/cases");
        browser.clickLink("C-DESK-7");
        browser.waitForText("main h1", "C-DESK-7");

        String said = browser.waitForText("#customer-said", "myöhässä");

        assertThat(said).contains("What the customer said", "“Paketti tuli 7 päivää myöhässä”", "Satisfaction: 2/5",
                "Complaint", "web shop");
        // Reassigning offers the teams the promises name (a person's name may still be typed).
        List<String> offered = browser.driver.findElements(By.cssSelector("#known-owners option")).stream()
                .map(option -> option.getAttribute("value")).toList();
        assertThat(offered).isNotEmpty().doesNotContain("service-team");
        assertThat(browser.find("input[name=new-owner]").getAttribute("list")).isEqualTo("known-owners");
        browser.screenshot("case-said");
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.screenshot("case-phone");
        browser.driver.manage().window().setSize(new Dimension(1366, 850));
    }

    @Test
    void theScoreboardCountsTheAnswersOfEveryScoreTakesAnyDaysAndItsNumbersOpenTheCases() throws Exception {
        browser.open(server.url() + "#/scoreboard");
        String web = browser.waitForText("#score-breakdown", "web shop");
        assertThat(web).contains("(0 answers)").contains("(5 answers)");

        // Any days: today and yesterday hold the five answers; a month last year holds none.
        browser.find("input[name=weeks][value=range]").click();
        setDay("#score-from", LocalDate.now().minusDays(1));
        setDay("#score-to", LocalDate.now());
        browser.click("#score-range");
        assertThat(browser.waitForText("#score-responses", "5")).contains("5");
        setDay("#score-from", LocalDate.of(2025, 1, 1));
        setDay("#score-to", LocalDate.of(2025, 1, 31));
        browser.click("#score-range");
        browser.find("#score-empty");

        // The promise's counts open its cases.
        browser.find("input[name=weeks][value='4']").click();
        browser.find("#score-promises a.cases-link.opened").click();
        browser.waitForText("#cases tbody", "C-DESK-1");
        assertThat(browser.driver.getCurrentUrl()).contains("tab=all").contains("promise=complaint-answer-24h");
        assertThat(customersListed()).hasSize(5);
    }

    @Test
    void myCasesAreThoseGivenToMeOrToMyGroup() {
        String caseId = server.get("/api/cases?state=open").getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("customerId").equals("C-DESK-4")).findFirst().orElseThrow().getString("caseId");
        server.post("/api/cases/" + caseId + "/reassign", new JsonObject().put("owner", "maija"), 200);
        browser.open(server.url() + "#/cases");
        browser.waitForText("#cases tbody", "C-DESK-1");

        browser.click("[data-tab=mine]");

        browser.waitForText("#cases tbody", "C-DESK-4");
        assertThat(customersListed()).containsExactly("C-DESK-4");
        assertThat(browser.driver.getCurrentUrl()).contains("tab=mine");
    }

    private void setDay(String css, LocalDate day) {
        browser.script("arguments[0].value = arguments[1]", browser.find(css), day.toString());
    }

    private List<String> customersListed() {
        return browser.driver.findElements(By.cssSelector("#cases tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList();
    }
}
