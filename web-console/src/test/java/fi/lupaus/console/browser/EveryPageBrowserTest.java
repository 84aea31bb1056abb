package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

import io.vertx.core.json.JsonObject;

/**
 * Every page of the console, on a desktop (1366×850) and on a phone (390×844), as issue #16 asked:
 * no page wider than the screen, the menu folded on the phone, no serious or critical axe-core
 * finding, "Sign out" only while signed in, people named as people, and the language button named
 * by its visible words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageBrowserTest {

    private static final String PASSWORD = "kesäkuun aurinko paistaa";
    private static final Dimension DESKTOP = new Dimension(1366, 850);
    private static final Dimension PHONE = new Dimension(390, 844);

    private ConsoleServer server;
    private Browser browser;
    private String axe;
    private final Map<String, String> pages = new java.util.LinkedHashMap<>();

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dataDir) throws Exception {
        axe = Files.readString(Path.of("frontend", "node_modules", "axe-core", "axe.min.js"));
        server = new ConsoleServer(dataDir);
        server.createUser("aino", PASSWORD, "admin");
        JsonObject decision = server.postFeedback(new JsonObject().put("id", "fb-every").put("customerId", "C-EVERY")
                .put("touchpoint", "web").put("phase", "after").put("survey", "CSAT").put("score", 2)
                .put("complaint", true).put("comment", "The parcel never came").put("loyaltyTier", "gold"));
        server.postFeedback(new JsonObject().put("id", "fb-every-2").put("customerId", "C-EVERY-2").put("touchpoint", "store")
                .put("phase", "core").put("survey", "NPS").put("score", 10).put("complaint", false).put("loyaltyTier", "none"));
        String live = server.get("/api/rulesets").getString("live");
        String caseId = server.get("/api/cases?state=open").getJsonArray("items").getJsonObject(0).getString("caseId");
        pages.put("rules", "#/rules");
        pages.put("workspace", "#/rules/" + live);
        pages.put("promise-form", "#/rules/" + live + "/promise");
        pages.put("decisions", "#/decisions");
        pages.put("decision", "#/decisions/" + decision.getString("decisionId"));
        pages.put("audit", "#/audit");
        pages.put("cases", "#/cases");
        pages.put("case", "#/cases/" + caseId);
        pages.put("scoreboard", "#/scoreboard");
        pages.put("plugins", "#/plugins");
        pages.put("outbox", "#/outbox");
        pages.put("access", "#/access");
        pages.put("import", "#/import");
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
    void signedOutThereIsNoSignOutAndTheSignInPagePassesAxeOnBothScreens() throws Exception {
        browser.driver.manage().window().setSize(DESKTOP);
        browser.open(server.url());
        browser.driver.manage().deleteAllCookies();
        browser.open(server.url() + "#/signin");
        browser.driver.navigate().refresh();
        browser.find("input[name=username]");

        assertThat(browser.driver.findElement(By.id("signout")).isDisplayed()).isFalse();
        assertThat(seriousFindings()).as("axe on the sign-in page").isEmpty();
        browser.driver.manage().window().setSize(PHONE);
        assertThat(widerThanTheWindow()).as("the sign-in page on a phone").isNull();
        assertThat(seriousFindings()).as("axe on the sign-in page, phone").isEmpty();
        browser.screenshot("signin-phone");
    }

    @Test
    void everyPageFitsAPhoneAndHasNoSeriousAccessibilityFinding() throws Exception {
        browser.driver.manage().window().setSize(DESKTOP);
        signInAfresh();
        String lang = browser.find("#lang").getText();
        String named = browser.find("#lang").getAttribute("aria-label");
        assertThat(named == null || named.contains(lang)).as("the language button's name holds its words").isTrue();

        List<String> problems = new ArrayList<>();
        try {
            // Finnish words are longer: the Finnish admin's top bar once ran off a 1366 px screen.
            for (String language : List.of("en", "fi")) {
                inLanguage(language);
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    for (Dimension size : List.of(DESKTOP, PHONE)) {
                        browser.driver.manage().window().setSize(size);
                        browser.open(server.url() + page.getValue());
                        browser.find("main h1");
                        browser.settle();
                        Thread.sleep(300); // charts and lists that draw after the first answer
                        String where = page.getKey() + " in " + language + " at " + size.getWidth() + " px";
                        String wider = widerThanTheWindow();
                        if (wider != null) {
                            problems.add(where + ": " + wider);
                        }
                        wordsOutOfTheirBox().forEach(words -> problems.add(where + ": " + words));
                        seriousFindings().forEach(finding -> problems.add(where + ": " + finding));
                        if (size == PHONE && language.equals("en")) {
                            browser.screenshot(page.getKey() + "-phone");
                        }
                    }
                }
            }
        } finally {
            browser.driver.manage().window().setSize(DESKTOP);
            inLanguage("en");
        }
        assertThat(problems).isEmpty();

        browser.driver.manage().window().setSize(PHONE);
        // The phone's menu folds: hidden until asked for, then every page's link in it.
        browser.open(server.url() + "#/rules");
        browser.find("main h1");
        assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).isFalse();
        browser.click("#menu-toggle");
        assertThat(browser.find("#nav").getText()).contains("Rules", "Cases", "Scoreboard");
        browser.screenshot("menu-phone", "body");
        browser.clickLink("Cases");
        browser.waitForText("main h1", "Cases");
        assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    @Test
    void peopleAreNamedAsPeople() {
        browser.driver.manage().window().setSize(DESKTOP);
        signInAfresh();
        browser.open(server.url() + "#/rules");
        String rules = browser.waitForText("table.versions", "Lupaus");

        assertThat(rules).doesNotContain("user:").doesNotContain("token:").doesNotContain("system");
    }

    @Test
    void theDecisionSearchOffersEveryActionType() {
        browser.driver.manage().window().setSize(DESKTOP);
        signInAfresh();
        browser.open(server.url() + "#/decisions");

        assertThat(new org.openqa.selenium.support.ui.Select(browser.find("select[name=action]")).getOptions())
                .extracting(option -> option.getAttribute("value"))
                .contains("THANK", "OPEN_CASE", "RECOVERY", "AFTERCARE", "ADD_TO_CASE", "REMIND", "ESCALATE", "RECOVERED",
                        "ASK_FOR_REVIEW");
    }

    @Test
    void theDecisionListSaysHowManyThereAreNotOnlyItsPage() {
        io.vertx.core.json.JsonArray batch = new io.vertx.core.json.JsonArray();
        for (int i = 0; i < 101; i++) {
            batch.add(new JsonObject().put("id", "fb-many-" + i).put("customerId", "C-MANY").put("touchpoint", "app")
                    .put("phase", "core").put("survey", "NPS").put("score", 8).put("complaint", false).put("loyaltyTier", "none"));
        }
        server.postBatch(batch);
        browser.driver.manage().window().setSize(DESKTOP);
        signInAfresh();
        browser.open(server.url() + "#/decisions");
        browser.type("input[name=customerId]", "C-MANY");
        browser.click("#search");

        // The page's first search (of every decision) may answer first: the customer's is the one of 101.
        assertThat(browser.waitForText("main .count", "of 101")).isEqualTo("Showing 100 of 101 decisions.");
    }

    @Test
    void theRuleThatFiredIsFoundByAnyPartOfItsNameInAnyCase() {
        browser.driver.manage().window().setSize(DESKTOP);
        signInAfresh();
        browser.open(server.url() + "#/decisions");
        browser.type("input[name=rule]", "EVERY COMPLAINT");
        browser.click("#search");

        // The list before the search is shown first; wait for the found ones (one or more, so "found").
        browser.waitForText("main .count", "found");
        List<String> customers = browser.until(driver -> {
            List<String> shown = driver.findElements(By.cssSelector("main tbody tr td:nth-child(2)")).stream()
                    .map(org.openqa.selenium.WebElement::getText).toList();
            return shown.isEmpty() || !shown.stream().allMatch("C-EVERY"::equals) ? null : shown;
        });
        assertThat(customers).isNotEmpty().containsOnly("C-EVERY");
    }

    @Test
    void theScoreboardsAnswerCountOpensTheDecisionsOfItsPeriod() {
        browser.driver.manage().window().setSize(DESKTOP);
        signInAfresh();
        browser.open(server.url() + "#/scoreboard");
        browser.click("#score-responses-link");

        browser.waitForText("main h1", "Decisions");
        // The answers given in the period, as the scoreboard counts them (not the decisions made in it).
        assertThat(browser.waitForText("#decisions-answers", "given")).contains("every survey");
        assertThat(browser.waitForText("main tbody", "C-EVERY")).contains("C-EVERY-2");
    }

    @Test
    void aChartsPointOpensTheAnswersItStandsFor() {
        browser.driver.manage().window().setSize(DESKTOP);
        signInAfresh();
        browser.open(server.url() + "#/scoreboard");
        browser.waitForText("#score-breakdown", "store");
        // What the tables' numbers open: this week's NPS, and the store's.
        // (The weeks' table is folded away: its links are there, not shown.)
        String weeksNps = browser.driver.findElement(By.cssSelector("#score-weeks tbody tr:last-child td:nth-of-type(2) a"))
                .getDomAttribute("href");
        String storesNps = (String) browser.script("return [...document.querySelectorAll('#score-breakdown tbody tr')]"
                + ".find(row => row.querySelector('th').textContent.startsWith('store')).querySelector('td:nth-of-type(2) a')"
                + ".getAttribute('href')");

        // This week's point of the NPS chart opens the same answers as this week's NPS in the table.
        browser.clickChartPoint("#score-npsByWeek canvas", 0, 3);
        browser.waitForText("main h1", "Decisions");
        assertThat(browser.script("return location.hash")).isEqualTo(weeksNps);
        assertThat(browser.waitForText("#decisions-answers", "NPS")).contains("NPS");
        browser.waitForText("main .results", "C-EVERY-2");

        // The store's NPS bar opens the store's NPS answers.
        browser.open(server.url() + "#/scoreboard");
        browser.waitForText("#score-breakdown", "store");
        @SuppressWarnings("unchecked")
        List<String> groups = (List<String>) browser.script(
                "return document.querySelector('#score-breakdownTitle-touchpoint canvas').chart.data.labels");
        int store = groups.indexOf(groups.stream().filter(label -> label.startsWith("store")).findFirst().orElseThrow());
        browser.clickChartPoint("#score-breakdownTitle-touchpoint canvas", 0, store);
        assertThat(browser.waitForText("#decisions-answers", "store")).contains("NPS");
        assertThat(browser.script("return location.hash")).isEqualTo(storesNps);
        assertThat(browser.waitForText("main .results .count", "decision")).isEqualTo("1 decision found.");
        assertThat(browser.find("main tbody").getText()).contains("C-EVERY-2");
    }

    @Test
    void oneAnswerIsOneAnswerInBothLanguages() {
        browser.driver.manage().window().setSize(DESKTOP);
        signInAfresh();
        browser.open(server.url() + "#/scoreboard");
        String table = browser.waitForText("#score-breakdown", "store");

        assertThat(table).contains("(1 answer)").doesNotContain("(1 answers)");
        try {
            inLanguage("fi");
            browser.open(server.url() + "#/scoreboard");
            assertThat(browser.waitForText("#score-breakdown", "myymälä")).contains("(1 vastaus)").doesNotContain("(1 vastausta)");
        } finally {
            inLanguage("en");
        }
    }

    private void signInAfresh() {
        browser.open(server.url());
        browser.driver.manage().deleteAllCookies();
        browser.driver.navigate().refresh();
        browser.signIn(server.url(), "aino", PASSWORD);
    }

    /** Switches the console to the language (en or fi), which it then keeps. */
    private void inLanguage(String language) {
        browser.driver.manage().window().setSize(DESKTOP); // on a phone the button is in the folded menu
        browser.open(server.url() + "#/rules");
        browser.find("main h1");
        if (!language.equals(browser.script("return document.documentElement.lang"))) {
            browser.click("#lang");
        }
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> language.equals(browser.script("return document.documentElement.lang")));
    }

    /**
     * Null when the page is no wider than the window (no sideways scrolling); else how wide it is and
     * the first elements that stick out.
     */
    private String widerThanTheWindow() {
        Object wider = browser.script("const page = document.documentElement;"
                + " if (page.scrollWidth <= page.clientWidth) return null;"
                + " return 'the page is ' + page.scrollWidth + ' px wide in a window of ' + page.clientWidth + ' px, by '"
                + " + [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > page.clientWidth + 1)"
                + ".slice(0, 4).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).join(', ')");
        return (String) wider;
    }

    /**
     * Headings, labels, buttons, figures and texts whose words run out of their box (and under the next
     * one): a long Finnish word in a narrow tile once did.
     */
    @SuppressWarnings("unchecked")
    private List<String> wordsOutOfTheirBox() {
        return (List<String>) browser.script("return [...document.querySelectorAll('main h1, main h2, main h3, main label,"
                + " main button, main legend, main .figure, main p, main a')]"
                + ".filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')"
                + ".slice(0, 4).map(e => '\"' + e.textContent.slice(0, 40) + '\" runs out of its ' + e.tagName + ' ('"
                + " + e.scrollWidth + ' px in ' + e.clientWidth + ')')");
    }

    /** axe-core's serious and critical findings on the page as it is, one line each. */
    @SuppressWarnings("unchecked")
    private List<String> seriousFindings() {
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        if (!Boolean.TRUE.equals(browser.script("return typeof window.axe === 'object'"))) {
            browser.script(axe);
        }
        Object found = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3)"
                + ".map(n => n.target.join(' ')).join(', ')))).catch(e => done(['axe failed: ' + e]));");
        return (List<String>) found;
    }
}
