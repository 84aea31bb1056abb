package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A CX manager in the console (issue #5, "done when"): creates a promise in the guided mode,
 * sees a broken rule's error at its line, tries the draft, saves a scenario, deploys; the
 * server then decides by the new rule; a draft that breaks the scenario is refused; a roll-back
 * brings the old behaviour back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CxManagerBrowserTest {

    private static final String PASSWORD = "kesäkuun aurinko paistaa";
    private static final String PROMISE = "delivery-complaint-12h";
    private static final String TITLE = "Delivery complaints in the web shop are answered within 12 hours";

    private ConsoleServer server;
    private Browser browser;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dataDir) throws Exception {
        server = new ConsoleServer(dataDir);
        server.createUser("maija", PASSWORD, "cx-manager");
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
    void cxManagerCreatesTriesAndDeploysAPromiseThenRollsBack() throws Exception {
        try {
            String original = server.get("/api/rulesets").getString("live");
            assertThat(promisesDecidedFor(lateDelivery("fb-before"))).doesNotContain(PROMISE);

            browser.signIn(server.url(), "maija", PASSWORD);
            assertThat(browser.waitForText("main h1", "Rules")).isEqualTo("Rules");
            assertThat(browser.find("#nav").getText()).contains("Rules", "Decisions", "Audit");

            // The guided mode: a promise in a form, the rule it makes shown beside it.
            browser.open(server.url() + "#/rules/" + original);
            browser.click("#new-promise");
            browser.type("#promise-title", TITLE);
            browser.type("#promise-id", PROMISE);
            browser.choose("#promise-kind", "complaint");
            browser.choose("#promise-touchpoint", "WEB");
            browser.type("#promise-mentions", "delivery");
            browser.choose("#promise-action", "OPEN_CASE");
            browser.choose("#promise-priority", "HIGH");
            browser.type("#promise-hours", "12");
            assertThat(browser.waitForEditorText("#promise-drl", PROMISE)).contains(TITLE);
            assertThat(browser.find("#promise-sentence").getText())
                    .isEqualTo("When a customer complains at the web shop and the comment mentions “delivery”, open a case"
                            + " for service-team, due within 12 hours (high priority).");
            browser.screenshot("promise-form");
            browser.click("#add-promise");
            browser.waitForText("main h1", "Rule-set version");
            String draft = currentVersion();
            assertThat(draft).isNotEqualTo(original);

            // A broken rule: the error is marked at its line while typing.
            WebElement editor = browser.inEditor("#editor", ".cm-content");
            editor.click();
            editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
            editor.sendKeys(Keys.ENTER, "rule \"Broken\"", Keys.ENTER, "when", Keys.ENTER,
                    "Feedback( nosuchfield == 1 )", Keys.ENTER, "then", Keys.ENTER, "end", Keys.ENTER);
            browser.inEditor("#editor", ".cm-lintRange-error");
            // CodeMirror renders only the lines in view: the line number is read from the gutter beside it.
            long brokenLine = Long.parseLong((String) browser.script("const root = document.querySelector('#editor')"
                    + ".shadowRoot; const index = [...root.querySelectorAll('.cm-line')]"
                    + ".findIndex(line => line.textContent.includes('nosuchfield')); return [...root"
                    + ".querySelectorAll('.cm-lineNumbers .cm-gutterElement')].filter(e => e.style.visibility !== 'hidden')"
                    + "[index].textContent"));
            assertThat(browser.waitForText("#validity", "line")).contains("line " + brokenLine + ":");
            assertThat(browser.script("return document.querySelector('#editor').shadowRoot"
                    + ".querySelector('.cm-lintRange-error').closest('.cm-line').textContent")).asString()
                    .contains("nosuchfield");
            browser.screenshot("editor-error", ".editor-card");
            // Undo until the typed rule is gone: on a busy machine each key may be an undo step of its own.
            for (int i = 0; i < 200 && editor.getText().contains("Broken"); i++) {
                editor.sendKeys(Keys.chord(Keys.CONTROL, "z"));
            }
            assertThat(browser.waitForText("#validity", "no errors")).contains("The rules compile");

            // The test panel: the draft beside the live version, and why the other rules did not fire.
            browser.choose("select[name=example]", "deliveryComplaint");
            browser.click("#run-test");
            assertThat(browser.waitForText("#outcome-candidate", PROMISE)).contains(TITLE);
            assertThat(browser.find("#outcome-live").getText()).doesNotContain(PROMISE);
            assertThat(browser.find("#not-fired").getText()).contains("Did not fire: the condition");
            browser.type("#scenario-name", "Late delivery complaint");
            browser.click("#save-scenario");
            browser.waitForText(".save-scenario", "saved");
            assertThat(browser.waitForText("#scenarios", "pass")).contains("Late delivery complaint");
            browser.screenshot("test-panel", ".test-panel");

            // Deploy: the server now decides by the new rule.
            browser.click("#deploy");
            browser.confirm("Delivery complaints answered within 12 hours");
            browser.waitForText("#notice", "is now live");
            assertThat(server.get("/api/rulesets").getString("live")).isEqualTo(draft);
            assertThat(promisesDecidedFor(lateDelivery("fb-after-deploy"))).contains(PROMISE);

            // A draft that drops the promise breaks the scenario: its deploy is refused, naming it.
            JsonArray originalSources = server.get("/api/rulesets/" + original).getJsonArray("sources");
            JsonObject first = originalSources.getJsonObject(0);
            first.put("drl", first.getString("drl") + "\n// The delivery promise is dropped.\n");
            JsonObject withoutPromise = new JsonObject(server.post("/api/rulesets", new JsonObject()
                    .put("sources", originalSources)
                    .put("comment", "Drop the delivery promise").put("basedOn", draft), 201));
            browser.clickLink("Rules");
            browser.click("button[data-version='" + withoutPromise.getString("version") + "']");
            browser.confirm("Try without the delivery promise");
            assertThat(browser.waitForText("#deploy-refused", "Late delivery complaint")).contains("not deployed");
            assertThat(server.get("/api/rulesets").getString("live")).isEqualTo(draft);

            // Roll back to the original: the old behaviour returns.
            browser.click("button[data-version='" + original + "']");
            browser.confirm("Back to the standard policy");
            browser.waitForText("#notice", "Rolled back");
            browser.waitForText("tr.live", original.substring(0, 12));
            browser.screenshot("rules");
            assertThat(server.get("/api/rulesets").getString("live")).isEqualTo(original);
            assertThat(promisesDecidedFor(lateDelivery("fb-after-rollback"))).doesNotContain(PROMISE);

            // The differences between the original and the deployed draft.
            browser.open(server.url() + "#/rules/diff/" + original + "/" + draft);
            assertThat(browser.waitForText("main", "added")).contains(PROMISE);
            browser.screenshot("diff");
        } catch (AssertionError | RuntimeException e) {
            browser.saveFailure("cx-manager");
            throw e;
        }
    }

    /** The newest version, which the page must be showing. */
    private String currentVersion() {
        String newest = server.get("/api/rulesets").getJsonArray("versions").getJsonObject(0).getString("version");
        assertThat(browser.find("main h1").getText()).contains(newest.substring(0, 12));
        return newest;
    }

    private static JsonObject lateDelivery(String id) {
        return new JsonObject().put("id", id).put("customerId", "C-7007").put("touchpoint", "web").put("phase", "after")
                .put("survey", "CSAT").put("score", 2).put("complaint", true)
                .put("comment", "The delivery was three days late").put("loyaltyTier", "silver");
    }

    private List<Object> promisesDecidedFor(JsonObject feedback) {
        JsonArray actions = server.postFeedback(feedback).getJsonArray("actions");
        return actions.stream().map(action -> ((JsonObject) action).getString("promise", "")).map(Object.class::cast).toList();
    }
}
