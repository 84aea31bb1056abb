package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * The rule editor and deploying, as issue #16 found them: error marks that the CSP hid, errors at
 * the wrong line, a failing scenario whose "Expected" and "Got" read the same, a form error called
 * a compile error, a stray "null", and deploys, roll-backs and cancelled cases that took one click.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuleEditorBrowserTest {

    private static final String PASSWORD = "kesäkuun aurinko paistaa";
    private static final String PROMISE = "delivery-complaint-12h";

    private ConsoleServer server;
    private Browser browser;
    private String original;
    /** The draft of test 5 whose scenario passes: deployable. */
    private String deployable;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dataDir) throws Exception {
        server = new ConsoleServer(dataDir);
        server.createUser("maija", PASSWORD, "cx-manager");
        original = server.get("/api/rulesets").getString("live");
        browser = new Browser();
        browser.driver.manage().window().setSize(new Dimension(1366, 850));
        browser.signIn(server.url(), "maija", PASSWORD);
    }

    @BeforeEach
    void wideWindowAndNoDialogLeftOpen() {
        browser.driver.manage().window().setSize(new Dimension(1366, 850));
        browser.script("document.querySelectorAll('dialog').forEach(d => d.close())");
    }

    @AfterEach
    void keepWhatFailed(TestInfo test) {
        // saveFailure only when the test failed is not known here; a picture of the last page is cheap.
        browser.saveFailure("rule-editor-" + test.getTestMethod().orElseThrow().getName());
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
    void theVersionsTableOfASingleVersionShowsNoStrayNull() {
        assertThat(server.get("/api/rulesets").getJsonArray("versions")).hasSize(1);

        browser.open(server.url() + "#/rules");
        browser.waitForText("main h1", "Rules");
        browser.find("table.versions");

        assertThat(browser.find("main").getText()).doesNotContain("null");
    }

    @Test
    @Order(2)
    void aMistakeInTheGuidedFormIsNamedByItsLabelNotCalledACompileError() {
        browser.open(server.url() + "#/rules/" + original + "/promise");
        browser.type("#promise-title", "Delivery complaints are answered within 12 hours");
        browser.type("#promise-hours", "5000");

        String said = browser.waitForText("#promise-errors", "2160");

        assertThat(said).doesNotContain("do not compile").contains("The form needs correcting")
                .contains("Deadline in hours").doesNotContain("then.withinHours");
    }

    @Test
    @Order(3)
    void errorMarksShowUnderTheCspAndAJavaErrorInThenIsAtItsOwnLineAndAClickJumpsThere() throws Exception {
        String draft = draftWithPromise("service-team", original);
        browser.open(server.url() + "#/rules/" + draft);
        recordCspViolations();
        openPromiseTab();

        // A broken expression in the first rule's consequence, on a line of its own after "then".
        WebElement then = editorLine("then");
        then.click();
        typeInEditor(Keys.END, Keys.ENTER, "int n = 1 +* 3;");
        long brokenLine = lineNumberOf("+*");

        // The marks: drawn without anything the CSP refuses, and visible.
        WebElement mark = browser.inEditor("#editor", ".cm-lintRange-error");
        assertThat(mark.getText()).contains("+*");
        assertThat(cspViolations()).isEmpty();
        assertThat(browser.script("return getComputedStyle(arguments[0]).textDecorationLine", mark)).asString()
                .contains("underline");
        WebElement dot = browser.inEditor("#editor", ".cm-lint-marker-error");
        assertThat(browser.script("return getComputedStyle(arguments[0]).backgroundColor", dot)).asString()
                .isNotEqualTo("rgba(0, 0, 0, 0)");
        assertThat(cspViolations()).isEmpty();

        // Once, at its own line, not at the rule's header.
        String validity = browser.waitForText("#validity", ", line ");
        assertThat(linesNamedIn(validity)).isNotEmpty().containsOnly(brokenLine);
        assertThat(validity).doesNotContain("Rule Compilation error");
        browser.screenshot("editor-error-marked", ".editor-card");

        // A click on the error in the list takes the cursor to its line.
        editorLine("package").click();
        assertThat(activeLine()).doesNotContain("+*");
        browser.click("#validity .error-at");
        assertThat(activeLine()).contains("+*");
        assertThat(browser.script("return document.activeElement.id")).isEqualTo("editor");
    }

    @Test
    @Order(4)
    void aLineThatCannotBeParsedIsTheOnlyErrorAndTypesTheFormImportsStayAllowed() {
        String draft = server.get("/api/rulesets").getJsonArray("versions").getJsonObject(0).getString("version");
        browser.open(server.url() + "#/rules/" + draft);
        browser.driver.navigate().refresh();
        openPromiseTab();

        editorLine("not CustomerCase").click();
        typeInEditor(Keys.HOME, "&&& broken(", Keys.ENTER);
        long brokenLine = lineNumberOf("&&& broken");

        String validity = browser.waitForText("#validity", ", line ");
        assertThat(validity).doesNotContain("Touchpoint").doesNotContain("Feedback'");
        assertThat(linesNamedIn(validity)).isNotEmpty().containsOnly(brokenLine);
    }

    @Test
    @Order(5)
    void aFailingScenarioShowsWhatDiffersBetweenExpectedAndGot() throws Exception {
        String careTeam = draftWithPromise("care-team", original);
        deployable = careTeam;
        JsonObject feedback = lateDelivery();
        JsonArray actions = new JsonObject(server.post("/api/rulesets/" + careTeam + "/test",
                new JsonObject().put("feedback", feedback), 200)).getJsonObject("candidate").getJsonArray("actions");
        JsonArray expected = new JsonArray();
        actions.stream().map(JsonObject.class::cast).forEach(action -> {
            JsonObject e = new JsonObject().put("type", action.getString("type"));
            if (action.getString("promise") != null) {
                e.put("promise", action.getString("promise"));
            }
            if (action.getString("owner") != null) {
                e.put("owner", action.getString("owner"));
            }
            expected.add(e);
        });
        server.post("/api/rulesets/" + careTeam + "/scenarios", new JsonObject().put("name", "Late delivery")
                .put("feedback", feedback).put("expected", expected), 201);
        String returnsTeam = draftWithPromise("returns-team", careTeam);

        browser.open(server.url() + "#/rules/" + returnsTeam);
        String failure = browser.waitForText("#scenarios", "fail");

        List<String> marked = browser.driver.findElements(By.cssSelector("#scenarios .failure mark")).stream()
                .map(WebElement::getText).toList();
        assertThat(marked).hasSize(2);
        assertThat(marked.get(0)).contains(PROMISE).contains("care-team");
        assertThat(marked.get(1)).contains(PROMISE).contains("returns-team");
        assertThat(failure).contains("Expected:").contains("Got:");
        browser.screenshot("scenario-differs", "#scenarios");
    }

    @Test
    @Order(6)
    void deployAndRollBackAskFirstAndRequireAComment() throws Exception {
        String draft = deployable;
        browser.open(server.url() + "#/rules");
        browser.click("button[data-version='" + draft + "']");

        // Asked, and a comment is required.
        browser.find("dialog.confirm");
        assertThat(browser.find("#confirm-title").getText()).contains("Deploy version " + draft.substring(0, 12));
        browser.click("#confirm-ok");
        assertThat(browser.waitForText("dialog.confirm", "Write a comment")).isNotNull();
        browser.screenshot("confirm-deploy", "dialog.confirm");

        // Cancelled: nothing changes.
        browser.click("#confirm-cancel");
        // The dialog goes when its close event has run.
        new WebDriverWait(browser.driver, Duration.ofSeconds(5))
                .until(d -> d.findElements(By.cssSelector("dialog.confirm")).isEmpty());
        assertThat(server.get("/api/rulesets").getString("live")).isEqualTo(original);

        // Confirmed with a comment: deployed, and the comment kept.
        browser.click("button[data-version='" + draft + "']");
        browser.type("#confirm-comment", "The care team answers delivery complaints");
        browser.click("#confirm-ok");
        browser.waitForText("#notice", "is now live");
        assertThat(server.get("/api/rulesets").getString("live")).isEqualTo(draft);
        assertThat(server.get("/api/rulesets/deployments").getJsonArray("items").getJsonObject(0).getString("comment"))
                .isEqualTo("The care team answers delivery complaints");

        // The roll-back asks likewise.
        browser.click("button[data-version='" + original + "']");
        assertThat(browser.find("#confirm-title").getText()).contains("Roll back to version");
        browser.type("#confirm-comment", "Back to the standard policy");
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.screenshot("confirm-rollback-phone", "dialog.confirm");
        browser.click("#confirm-ok");
        browser.waitForText("#notice", "Rolled back");
        assertThat(server.get("/api/rulesets").getString("live")).isEqualTo(original);
        assertThat(server.get("/api/rulesets/deployments").getJsonArray("items").getJsonObject(0).getString("comment"))
                .isEqualTo("Back to the standard policy");
    }

    @Test
    @Order(7)
    void cancellingACaseNeedsAReasonAndASecondYes() throws Exception {
        server.postFeedback(lateDelivery().put("id", "fb-cancel").put("customerId", "C-CANCEL"));
        String caseId = server.get("/api/cases?state=open").getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("customerId").equals("C-CANCEL")).findFirst().orElseThrow().getString("caseId");
        browser.open(server.url() + "#/cases/" + caseId);
        browser.waitForText("#case-state", "open");

        browser.click("#cancel-case");
        assertThat(browser.waitForText("main", "Write why the case is cancelled")).isNotNull();
        assertThat(browser.driver.findElements(By.cssSelector("dialog.confirm"))).isEmpty();

        browser.type("input[name=cancel-note]", "The customer withdrew the complaint");
        browser.click("#cancel-case");
        assertThat(browser.find("dialog.confirm").getText()).contains("The customer withdrew the complaint");
        browser.click("#confirm-cancel");
        assertThat(server.get("/api/cases/" + caseId).getString("state")).isEqualTo("open");

        browser.click("#cancel-case");
        browser.click("#confirm-ok");
        browser.waitForText("#case-state", "cancelled");
        assertThat(server.get("/api/cases/" + caseId).getString("note")).isEqualTo("The customer withdrew the complaint");
    }

    @Test
    @Order(8)
    void aPromiseMadeWithTheFormOpensInTheFormAgainAndItsMetadataFollowsTheOwner() throws Exception {
        browser.open(server.url() + "#/rules/" + deployable);
        openPromiseTab();
        browser.click("#open-in-form");

        assertThat(browser.waitForText("main h1", "Promise " + PROMISE)).isNotNull();
        assertThat(browser.find("#promise-owner").getAttribute("value")).isEqualTo("care-team");
        assertThat(browser.find("#promise-hours").getAttribute("value")).isEqualTo("12");
        assertThat(browser.find("#promise-touchpoint").getAttribute("value")).isEqualTo("WEB");
        assertThat(browser.find("#promise-mentions").getAttribute("value")).isEqualTo("delivery");
        browser.type("#promise-owner", "returns-team");
        browser.type("#promise-hours", "8");
        browser.waitForEditorText("#promise-drl", "returns-team");
        browser.screenshot("promise-reopened");
        browser.click("#add-promise");
        browser.waitForText("#notice", "Promise added");

        String changed = server.get("/api/rulesets").getJsonArray("versions").getJsonObject(0).getString("version");
        List<JsonObject> custom = server.get("/api/rulesets/" + changed).getJsonArray("sources").stream()
                .map(JsonObject.class::cast).filter(source -> source.getString("name").contains("/custom/")).toList();
        assertThat(custom).hasSize(1);
        assertThat(custom.get(0).getString("drl")).contains("owner = \"returns-team\"").contains("Duration.ofHours(8)")
                .doesNotContain("care-team");
    }

    @Test
    @Order(9)
    void aPromiseChangedByHandIsNotOpenedInTheFormButSaysWhy() {
        JsonArray sources = server.get("/api/rulesets/" + deployable).getJsonArray("sources").copy();
        sources.stream().map(JsonObject.class::cast).filter(source -> source.getString("name").contains("/custom/"))
                .forEach(source -> source.put("drl", source.getString("drl").replace("then\n", "then\n    // by hand\n")));
        String byHand = new JsonObject(server.post("/api/rulesets", new JsonObject().put("sources", sources)
                .put("comment", "A note by hand").put("basedOn", deployable), 201)).getString("version");

        browser.open(server.url() + "#/rules/" + byHand + "/promise/" + PROMISE);

        assertThat(browser.waitForText("#promise-not-form", "changed by hand")).contains("Edit the rule in the editor");
    }

    @Test
    @Order(10)
    void aNewPromiseThatRunsBesideAnExistingOneIsWarnedAboutBeforeSaving() throws Exception {
        browser.open(server.url() + "#/rules/" + original + "/promise");
        browser.type("#promise-title", "Web shop complaints are answered within 12 hours");
        browser.choose("#promise-kind", "complaint");
        browser.choose("#promise-touchpoint", "WEB");
        browser.choose("#promise-action", "OPEN_CASE");
        browser.type("#promise-hours", "12");

        String warning = browser.waitForText("#promise-overlaps", "Overlap");

        assertThat(warning).contains("Every complaint is answered within 24 hours").contains("complaint-answer-24h");
        browser.screenshot("promise-overlap", "#promise-overlaps");
    }

    @Test
    @Order(11)
    void inTheFinnishViewTheServersReasonsAreFinnishToo() {
        browser.open(server.url() + "#/rules/" + original + "/promise");
        browser.click("#lang");
        try {
            browser.waitForText("main h1", "Uusi lupaus");
            browser.type("#promise-title", "Toimitusvalitukset hoidetaan 12 tunnissa");
            browser.type("#promise-hours", "5000");

            String said = browser.waitForText("#promise-errors", "2160");

            assertThat(said).contains("Lomakkeessa on korjattavaa").contains("on oltava 1–2160 tuntia")
                    .doesNotContain("must be");
        } finally {
            browser.click("#lang");
            browser.waitForText("main h1", "New promise");
        }
    }

    @Test
    @Order(12)
    void inTheFinnishViewACompilersMessageKeepsItsWordsWithTheirMeaningInFinnishBeside() throws Exception {
        String draft = draftWithPromise("finance-team", original);
        browser.open(server.url() + "#/rules/" + draft);
        browser.click("#lang");
        try {
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(d -> "fi".equals(browser.script("return document.documentElement.lang")));
            openPromiseTab();
            editorLine("then").click();
            typeInEditor(Keys.END, Keys.ENTER, "int n = \"x\";");

            String validity = browser.waitForText("#validity", "rivi");

            assertThat(validity).contains("Tyyppivirhe: tyypin String arvoa ei voi muuttaa tyypiksi int.")
                    .contains("Drools: Type mismatch: cannot convert from String to int");
            browser.screenshot("compiler-fi", ".editor-card");
        } finally {
            browser.click("#lang");
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(d -> "en".equals(browser.script("return document.documentElement.lang")));
        }
    }

    // --- helpers

    /** A draft: the sources of base, and the guided promise whose cases go to owner. */
    private String draftWithPromise(String owner, String base) {
        JsonObject composed = new JsonObject(server.post("/api/rulesets/compose", new JsonObject().put("lang", "en")
                .put("promise", PROMISE).put("title", "Delivery complaints are answered within 12 hours")
                .put("when", new JsonObject().put("kind", "complaint").put("touchpoint", "WEB").put("commentMentions", "delivery"))
                .put("then", new JsonObject().put("action", "OPEN_CASE").put("owner", owner).put("priority", "HIGH")
                        .put("withinHours", 12)), 200)).getJsonObject("source");
        JsonArray sources = new JsonArray();
        server.get("/api/rulesets/" + base).getJsonArray("sources").stream().map(JsonObject.class::cast)
                .filter(source -> !source.getString("name").equals(composed.getString("name"))).forEach(sources::add);
        sources.add(composed);
        return new JsonObject(server.post("/api/rulesets", new JsonObject().put("sources", sources)
                .put("comment", "Delivery complaints to " + owner).put("basedOn", base), 201)).getString("version");
    }

    private void openPromiseTab() {
        browser.find("#tab-0");
        List<WebElement> tabs = browser.driver.findElements(By.cssSelector(".tabs [role=tab]"));
        tabs.stream().filter(tab -> tab.getText().equals(PROMISE + ".drl")).findFirst().orElseThrow().click();
        waitForEditorText("not CustomerCase");
    }

    /**
     * Waits until the editor shows the words. CodeMirror draws only the lines near its view: while they
     * are not drawn, the editor scrolls on a little (from the top again at its end).
     */
    private void waitForEditorText(String words) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(browser.script(
                "const root = document.querySelector('#editor')?.shadowRoot; if (!root) return false;"
                        + " if (root.querySelector('.cm-content')?.textContent.includes(arguments[0])) return true;"
                        + " const scroller = root.querySelector('.cm-scroller'); if (!scroller) return false;"
                        + " scroller.scrollTop = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight"
                        + " ? 0 : scroller.scrollTop + 150; return false;", words)));
    }

    /** The first line in the editor whose text contains the words, scrolled into view. */
    private WebElement editorLine(String words) {
        waitForEditorText(words);
        WebElement line = browser.driver.findElement(By.cssSelector("#editor")).getShadowRoot()
                .findElements(By.cssSelector(".cm-line")).stream()
                .filter(l -> l.getAttribute("textContent").contains(words)).findFirst().orElseThrow();
        browser.script("arguments[0].scrollIntoView({block: 'center'})", line);
        return line;
    }

    /** Keys to the focused editor, at its cursor (WebElement.sendKeys would move the cursor to the end). */
    private void typeInEditor(CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    /** The number in the gutter beside the first line holding the words. */
    private long lineNumberOf(String words) {
        waitForEditorText(words);
        return Long.parseLong((String) browser.script("const root = document.querySelector('#editor').shadowRoot;"
                + " const index = [...root.querySelectorAll('.cm-line')].findIndex(l => l.textContent.includes(arguments[0]));"
                + " return [...root.querySelectorAll('.cm-lineNumbers .cm-gutterElement')]"
                + ".filter(e => e.style.visibility !== 'hidden')[index].textContent", words));
    }

    private String activeLine() {
        return (String) browser.script("return document.querySelector('#editor').shadowRoot"
                + ".querySelector('.cm-activeLine')?.textContent ?? ''");
    }

    private static List<Long> linesNamedIn(String validity) {
        Matcher matcher = Pattern.compile("line (\\d+):").matcher(validity);
        List<Long> lines = new java.util.ArrayList<>();
        while (matcher.find()) {
            lines.add(Long.parseLong(matcher.group(1)));
        }
        return lines;
    }

    private void recordCspViolations() {
        browser.script("window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
                + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI), true);");
    }

    @SuppressWarnings("unchecked")
    private List<Object> cspViolations() {
        return (List<Object>) browser.script("return window.cspViolations");
    }

    private static JsonObject lateDelivery() {
        return new JsonObject().put("customerId", "C-7007").put("touchpoint", "web").put("phase", "after")
                .put("survey", "CSAT").put("score", 2).put("complaint", true)
                .put("comment", "The delivery was three days late").put("loyaltyTier", "silver");
    }
}
