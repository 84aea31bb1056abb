package fi.lupaus.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

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

import io.vertx.core.json.JsonObject;

/**
 * An admin's screens for what was API-only (issue #16): users added and deleted, a token created
 * with its secret shown once and copied, then revoked; and the log of who changed what, narrowed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBrowserTest {

    private static final String PASSWORD = "kesäkuun aurinko paistaa";

    private ConsoleServer server;
    private Browser browser;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dataDir) throws Exception {
        server = new ConsoleServer(dataDir);
        server.createUser("aino", PASSWORD, "admin");
        browser = new Browser();
        browser.driver.manage().window().setSize(new Dimension(1366, 850));
        browser.signIn(server.url(), "aino", PASSWORD);
    }

    @AfterEach
    void keepWhatItShowed(TestInfo test) {
        browser.saveFailure("admin-" + test.getTestMethod().orElseThrow().getName());
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
    void anAdminAddsAndDeletesAUserAndCreatesCopiesAndRevokesAToken() throws Exception {
        browser.clickLink("Users");
        browser.waitForText("main h1", "Users and tokens");

        browser.type("#new-username", "pekka");
        browser.type("#new-password", "syksyn lehdet putoavat");
        browser.choose("#new-role", "auditor");
        browser.click("#add-user");
        assertThat(browser.waitForText("#users table", "pekka")).contains("auditor");
        assertThat(server.get("/api/users").getJsonArray("items").encode()).contains("\"pekka\"");

        browser.type("#token-name", "web shop");
        browser.choose("#token-role", "ingest");
        browser.click("#add-token");
        String secret = browser.find("#token-secret").getText();
        assertThat(browser.find("#token-out").getText()).contains("it is not shown again");
        // The emptied forms are ready for the next one, not marked as wrongly left empty.
        assertThat(browser.script("return [...document.querySelectorAll('#new-username, #new-password, #token-name')]"
                + ".filter((field) => field.matches(':user-invalid')).map((field) => field.id)")).asList().isEmpty();
        browser.click("#copy-token");
        assertThat(browser.waitForText("#token-out", "C")).containsAnyOf("Copied.", "copy it with Ctrl+C");
        assertThat(feedbackWith(secret)).isEqualTo(201);
        browser.screenshot("access", "#tokens");

        browser.find("#tokens table");
        WebElement webShop = browser.driver.findElements(By.cssSelector("#tokens tbody tr")).stream()
                .filter(row -> row.getText().startsWith("web shop")).findFirst().orElseThrow();
        webShop.findElement(By.cssSelector("button[data-token]")).click();
        browser.confirm(null);
        assertThat(browser.waitForText("#tokens table", "revoked")).contains("web shop");
        assertThat(feedbackWith(secret)).isEqualTo(401);

        browser.click("#users button[data-user='pekka']");
        browser.confirm(null);
        browser.waitForText("#notice", "User pekka deleted");
        assertThat(browser.find("#users table").getText()).doesNotContain("pekka");
    }

    @Test
    void theLogOfChangesSaysWhoChangedWhatAndNarrowsToIt() {
        server.createUser("liisa", PASSWORD, "cx-manager");
        browser.open(server.url() + "#/audit");
        browser.waitForText("#audit-events", "user.created");

        browser.type("#event-subject", "LIISA");
        browser.click("#show-events");

        String rows = browser.waitForText("#audit-events tbody", "liisa");
        assertThat(browser.driver.findElements(By.cssSelector("#audit-events tbody tr"))).hasSize(1);
        assertThat(rows).contains("user.created").contains("an API token");
    }

    @Test
    void erasingACustomerShowsWhatGoesAsksForTheIdTwiceAndOnceMore() {
        for (int i = 0; i < 2; i++) {
            server.postFeedback(new JsonObject().put("id", "fb-erase-" + i).put("customerId", "C-ERASE").put("touchpoint", "app")
                    .put("phase", "after").put("survey", "NPS").put("score", 4 + i).put("complaint", false)
                    .put("comment", "Sovellus kaatuu").put("loyaltyTier", "none"));
        }
        browser.open(server.url() + "#/access");
        browser.type("#erase-id", "C-ERASE");
        browser.click("#erase-look");

        assertThat(browser.waitForText("#erase-preview", "will be erased")).contains("2 decisions of customer C-ERASE")
                .contains("Sovellus kaatuu");
        assertThat(browser.find("#erase").isEnabled()).isFalse();
        browser.type("#erase-again", "C-ERAS");
        assertThat(browser.find("#erase").isEnabled()).isFalse();
        browser.type("#erase-again", "C-ERASE");
        assertThat(browser.find("#erase").isEnabled()).isTrue();
        browser.click("#erase");
        assertThat(browser.find("#confirm-title").getText()).contains("Erase customer C-ERASE for good?");
        browser.confirm(null);

        assertThat(browser.waitForText("#erase-out", "erased")).contains("Customer C-ERASE erased (2 decisions)");
        assertThat(server.get("/api/decisions?customerId=C-ERASE").getJsonArray("items")).isEmpty();
    }

    @Test
    void aCsvImportShowsItsFirstRowsUnderTheMappingThenItsProgressAndReport(@TempDir Path files) throws Exception {
        Path csv = files.resolve("survey.csv");
        java.nio.file.Files.writeString(csv, "Respondent ID,Date,NPS,Comment,Channel\nC-7001,2026-11-20,10,Kiitos,web\n"
                + "C-7002,2026-11-20,11,,store\nC-7003,2026-11-21,2,Jono oli pitkä,shop\n");
        browser.open(server.url() + "#/import");
        browser.find("#csv-file").sendKeys(csv.toAbsolutePath().toString());

        browser.choose("#column-customerId", "Respondent ID");
        browser.choose("#column-receivedAt", "Date");
        browser.choose("#column-score", "NPS");
        browser.choose("#column-touchpoint", "Channel");
        browser.type("#default-survey", "NPS");
        browser.type("#default-phase", "after");
        String preview = browser.waitForText("#csv-preview-table", "C-7003");
        assertThat(preview).contains("C-7001", "2026-11-20", "10", "Kiitos", "web", "NPS", "after");
        browser.screenshot("import", "#csv-preview");

        browser.click("#csv-import");

        assertThat(browser.waitForText("#csv-progress", "Done")).contains("3 rows, 1 decided").contains("2 refused");
        String refused = browser.find("#csv-errors").getText();
        assertThat(refused).contains("3 NPS 11 is outside from 0 to 10").contains("4 Channel 'shop' is not one of");
        assertThat(server.get("/api/decisions?customerId=C-7001").getJsonArray("items")).hasSize(1);
    }

    private int feedbackWith(String token) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "api/feedback"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("customerId", "C-ADMIN").put("touchpoint", "web")
                        .put("phase", "after").put("survey", "NPS").put("score", 9).put("complaint", false)
                        .put("loyaltyTier", "none").encode())).build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode();
    }
}
