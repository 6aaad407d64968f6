package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.adapter.rest.support.Browser;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static dev.conveyor.adapter.rest.support.TestServer.ACME_WRITER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

/**
 * The dashboard in a real headless Chromium against the real server with the demo pipeline: sign in, submit, watch,
 * retry, review, cancel, as a user would, through the page alone (the API only sets jobs up and checks outcomes).
 */
class DashboardBrowserTest {

    private static final By HTML = By.tagName("html");

    private static TestServer server;
    private static DemoJobs jobs;
    private static Browser browser;

    @BeforeAll
    static void start() {
        server = TestServer.inMemory();
        jobs = new DemoJobs(server.client());
        browser = Browser.start(server.client().base());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.open("/");
        browser.token(null);
    }

    @Test
    void signInSubmitAJobWatchItFinishAndPollingStop() {
        browser.open("/");
        WebElement token = browser.await("the sign-in form", visibilityOfElementLocated(By.id("token")));
        token.sendKeys("not-a-token-at-all", Keys.ENTER);
        browser.await("a refused token is said so", textToBePresentInElementLocated(By.id("token-error"), "not accepted"));
        token.clear();
        token.sendKeys(ACME_WRITER, Keys.ENTER);
        browser.await("the jobs list", attributeToBe(HTML, "data-view", "jobs"));
        assertEquals(ACME_WRITER, browser.script("return sessionStorage.getItem('conveyor.token')"));
        assertEveryControlIsLabelled();

        browser.find("nav a[data-nav=new]").click();
        browser.await("the demo pipeline's steps", textToBePresentInElementLocated(By.id("pipeline-steps"), "extract → classify"));
        WebElement input = browser.await("the input box", elementToBeClickable(By.id("input")));
        assertEveryControlIsLabelled();
        String broken = "{\"files\": 2, \"time_scale\": 0.2";
        input.clear();
        input.sendKeys(broken);
        browser.find("#submit-job").click();
        browser.await("invalid JSON is said so", textToBePresentInElementLocated(By.id("input-error"), "not valid JSON"));
        assertEquals(broken, input.getDomProperty("value"), "nothing typed is lost");
        assertEquals("true", input.getDomAttribute("aria-invalid"));
        assertEquals("new", browser.find("html").getDomAttribute("data-view"), "nothing was sent");

        input.sendKeys("}");
        browser.find("#submit-job").click();
        browser.await("the new job's page", attributeToBe(HTML, "data-view", "job"));
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/jobs/", "");
        List<Integer> seen = new ArrayList<>();
        browser.await("the bar at 100 %", driver -> {
            int now = Integer.parseInt(browser.find("#job .summary [role=progressbar]").getDomAttribute("aria-valuenow"));
            seen.add(now);
            return now == 100;
        });
        browser.await("every step done", driver -> browser.findAll("#steps li.step").allMatch(step ->
                List.of("completed", "skipped").contains(step.getDomAttribute("data-status"))));
        browser.await("the job completed", attributeToBe(By.id("job"), "data-job-status", "completed"));

        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "the bar only moves forward: " + seen);
        }
        assertTrue(seen.getFirst() < 100, "the bar was watched rising, not only seen full: " + seen);
        for (String step : List.of("extract", "classify", "validate", "generate")) {
            assertEquals("completed", browser.find("#steps li[data-step=" + step + "]").getDomAttribute("data-status"));
        }
        assertEquals("completed", jobs.job(id).get("status").asText());
        assertPollingStopsFor(id);
        browser.screenshot("job-page");

        browser.find("nav a[data-nav=jobs]").click();
        WebElement row = browser.await("the job in the list", presenceOfElementLocated(By.cssSelector("tr[data-job-id='" + id + "']")));
        assertEquals("completed", row.getDomAttribute("data-status"));
        assertEquals("100", row.findElement(By.cssSelector("[role=progressbar]")).getDomAttribute("aria-valuenow"));
    }

    @Test
    void aFailedJobShowsItsErrorInWordsAndRetryFinishesIt() {
        String id = jobs.start("{\"files\": 2, \"time_scale\": 0.05, "
                + "\"fail\": {\"step\": \"classify\", \"kind\": \"permanent\", \"times\": 1}}");
        jobs.awaitStopped(id);
        signIn();
        browser.open("/");
        new Select(browser.await("the status filter", elementToBeClickable(By.id("filter-status")))).selectByValue("failed");
        browser.await("the failed job listed", presenceOfElementLocated(By.cssSelector("tr[data-job-id='" + id + "']")));
        browser.await("only failed jobs listed", driver -> browser.findAll("#jobs tbody tr")
                .allMatch(row -> "failed".equals(row.getDomAttribute("data-status"))));
        new Select(browser.find("#filter-status")).selectByValue("");

        // Clearing the filter re-renders the list when its answer arrives: a row found before that is gone after.
        browser.await("the failed job's link clicked", driver -> {
            try {
                browser.find("tr[data-job-id='" + id + "'] a").click();
                return true;
            } catch (StaleElementReferenceException rerendered) {
                return false;
            }
        });
        browser.await("the failed job", attributeToBe(By.id("job"), "data-job-status", "failed"));
        WebElement problem = browser.find("#job-error");
        assertTrue(problem.isDisplayed());
        assertTrue(problem.getText().contains("The classify step failed on purpose"), problem.getText());
        assertFalse(problem.getText().contains("Exception"), problem.getText());
        assertEquals("completed", browser.find("#steps li[data-step=extract]").getDomAttribute("data-status"));
        assertEquals("failed", browser.find("#steps li[data-step=classify]").getDomAttribute("data-status"));
        assertTrue(browser.findAll("#action-cancel").findAny().isEmpty(), "a failed job cannot be cancelled");
        browser.screenshot("job-page-failed");

        browser.find("#action-retry").click();
        browser.await("the retried job completed", attributeToBe(By.id("job"), "data-job-status", "completed"));
        assertFalse(browser.find("#job-error").isDisplayed(), "the error is gone with the failure");
        assertEquals("completed", browser.find("#steps li[data-step=classify]").getDomAttribute("data-status"));
        assertEquals("completed", jobs.job(id).get("status").asText());
    }

    @Test
    void aJobAwaitingReviewIsApprovedFromThePageAndFinishes() {
        String id = jobs.start("{\"files\": 1, \"time_scale\": 0.05, \"review_items\": ["
                + "{\"id\": \"a\", \"confidence\": 0.5, \"label\": \"Is this an invoice?\"}, {\"id\": \"b\", \"confidence\": 0.3}]}");
        signIn();
        browser.open("/jobs/" + id);
        browser.await("the job waiting for review", attributeToBe(By.id("job"), "data-job-status", "awaiting_review"));
        WebElement review = browser.await("the review form", visibilityOfElementLocated(By.id("review")));
        assertEquals(2, browser.findAll("#review fieldset.review-item").count());
        assertTrue(review.getText().contains("Is this an invoice?"), review.getText());
        assertTrue(review.getText().contains("confidence 50 %"), review.getText());
        assertEveryControlIsLabelled();
        browser.screenshot("job-page-review");

        browser.find("#review-submit").click();
        browser.await("every item needs a decision", textToBePresentInElementLocated(By.id("review-error"), "Decide on every item"));
        browser.find("#approve-all").click();
        browser.find("#review-submit").click();

        browser.await("the approved job completed", attributeToBe(By.id("job"), "data-job-status", "completed"));
        JsonNode decisions = jobs.job(id).get("review_decisions");
        assertEquals(2, decisions.size());
        decisions.forEach(decision -> assertTrue(decision.get("approved").asBoolean(), decisions::toString));
    }

    @Test
    void aQueuedJobsUnchangedPollsCostA304AndARunningJobIsCancelledFromThePage() {
        // both job threads busy, so the third job waits in the queue, where nothing about it changes
        List<String> busy = List.of(jobs.start("{\"files\": 3, \"time_scale\": 1}"),
                jobs.start("{\"files\": 3, \"time_scale\": 1}"));
        busy.forEach(running -> jobs.pollUntil(running, view -> view.get("is_processing").asBoolean()
                && !view.get("status").asText().equals("queued"), Duration.ofSeconds(10)));
        String id = jobs.start("{\"files\": 1, \"time_scale\": 1}");
        try {
            signIn();
            browser.open("/jobs/" + id);
            browser.await("the job queued", attributeToBe(By.id("job"), "data-job-status", "queued"));
            browser.await("an unchanged poll answered 304 by the server", driver -> ((Number) browser.script(
                    "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/api/v1/jobs/' + arguments[0])"
                            + " && e.responseStatus === 304).length", id)).intValue() > 0);
            assertTrue(Integer.parseInt(browser.find("html").getDomAttribute("data-not-modified")) > 0);
            assertTrue(browser.find("[data-fact=eta]").getText().contains("left"), browser.find("[data-fact=eta]").getText());

            browser.open("/jobs/" + busy.getFirst());
            browser.await("the job running", attributeToBe(By.id("job"), "data-job-status", "running"));
            browser.find("#action-cancel").click();
            browser.await("the job cancelled", attributeToBe(By.id("job"), "data-job-status", "cancelled"));
            browser.await("polling stopped", attributeToBe(HTML, "data-polling", "stopped"));
            assertEquals("cancelled", jobs.job(busy.getFirst()).get("status").asText());
            assertTrue(browser.findAll("#action-cancel").findAny().isEmpty());
        } finally {
            for (String job : List.of(id, busy.get(0), busy.get(1))) {
                server.client().post("api/v1/jobs/" + job + "/cancel");
            }
        }
    }

    @Test
    void theTimeLeftCountsDownBetweenPolls() {
        String id = jobs.start("{\"files\": 4, \"time_scale\": 1}");
        try {
            signIn();
            browser.open("/jobs/" + id);
            browser.await("the job running", attributeToBe(By.id("job"), "data-job-status", "running"));
            // two different times left shown with no poll between them: the page counted down on its own
            String[] last = {"", ""};
            browser.await("the time left changing between two polls", driver -> {
                String polls = browser.find("html").getDomAttribute("data-polls");
                String left = browser.find("[data-fact=eta] dd").getText();
                boolean counted = polls.equals(last[0]) && !left.equals(last[1]) && left.contains("left")
                        && last[1].contains("left");
                last[0] = polls;
                last[1] = left;
                return counted;
            });
        } finally {
            server.client().post("api/v1/jobs/" + id + "/cancel");
        }
    }

    @Test
    void aStepRunningPastItsUsualTimeIsSaidToBeTakingLongerThanUsual() {
        // generate, usually 2 s or less, takes 20 s here
        String id = jobs.start("{\"files\": 1, \"time_scale\": 0.1, \"slow\": {\"step\": \"generate\", \"factor\": 100}}");
        try {
            signIn();
            browser.open("/jobs/" + id);
            WebElement late = browser.await("the late step said so", visibilityOfElementLocated(By.id("status-detail")));
            assertEquals("Taking longer than usual", late.getText());
            assertEquals("generate", jobs.progress(id).get("current_step").asText());
            assertEquals("taking longer than usual", jobs.progress(id).get("status_detail").asText());
            assertTrue(browser.find("[data-fact=eta]").getText().contains("left")
                    || browser.find("[data-fact=eta]").getText().contains("any moment"), browser.find("[data-fact=eta]").getText());
            browser.screenshot("job-late");
        } finally {
            server.client().post("api/v1/jobs/" + id + "/cancel");
        }
    }

    @Test
    void eachStepShowsItsUnitsAndTheRunningOneNamesThem() {
        String id = jobs.start("{\"files\": 5, \"time_scale\": 0.4}");
        try {
            signIn();
            browser.open("/jobs/" + id);
            // each file takes 2 s and the page polls every 2 s, so a busy machine may skip from 0 to 2 files done
            browser.await("extract's files counted", textMatches(
                    By.cssSelector("#steps li[data-step=extract] .step-details"),
                    Pattern.compile("[1-5] / 5 files done")));
            JsonNode extract = jobs.progress(id).get("steps").get(0);
            assertEquals(5, extract.get("units_total").asLong(), extract::toString);
        } finally {
            server.client().post("api/v1/jobs/" + id + "/cancel");
        }
    }

    @Test
    void aPageLoadedWithARefusedTokenAsksToSignInAgainAndSignOutForgetsTheToken() {
        browser.token("a-token-the-server-does-not-know");
        browser.open("/");
        browser.await("the sign-in asked for again", visibilityOfElementLocated(By.id("token")));
        assertTrue(browser.find("main").getText().contains("Please sign in again"), browser.find("main").getText());

        signIn();
        browser.open("/");
        browser.await("the jobs list", attributeToBe(HTML, "data-view", "jobs"));
        browser.find("#sign-out").click();

        browser.await("the sign-in form", visibilityOfElementLocated(By.id("token")));
        assertEquals(null, browser.script("return sessionStorage.getItem('conveyor.token')"));
    }

    @Test
    void onAPhoneNothingIsWiderThanTheScreen() {
        String id = jobs.start("{\"files\": 1, \"time_scale\": 0}");
        jobs.awaitStopped(id);
        signIn();
        Dimension desktop = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        try {
            for (String route : List.of("/", "/new", "/jobs/" + id)) {
                browser.open(route);
                browser.await("the page drawn", driver -> browser.findAll("main h1").findAny().isPresent()
                        && (!route.equals("/") || browser.findAll("#jobs tbody tr").findAny().isPresent()));
                long overflow = ((Number) browser.script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
                assertEquals(0, overflow, route + " scrolls sideways on a phone");
            }
            browser.screenshot("job-page-phone");
        } finally {
            browser.driver().manage().window().setSize(desktop);
        }
    }

    /** The page says polling stopped, and the browser's own record shows no request to the API for 2.5 intervals. */
    private static void assertPollingStopsFor(String id) {
        browser.await("polling stopped", attributeToBe(HTML, "data-polling", "stopped"));
        double stoppedAt = ((Number) browser.script("return performance.now()")).doubleValue();
        String polls = browser.find("html").getDomAttribute("data-polls");
        long before = ((Number) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.endsWith('/api/v1/jobs/' + arguments[0])).length", id)).longValue();

        browser.await("five seconds on the page's clock", driver ->
                ((Number) browser.script("return performance.now()")).doubleValue() > stoppedAt + 5_000);

        long after = ((Number) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/v1/') && e.startTime > arguments[0]).length", stoppedAt)).longValue();
        assertTrue(before >= 2, "the job was polled while it ran: " + before + " requests");
        assertEquals(0, after, "no request once nothing is processing");
        assertEquals(polls, browser.find("html").getDomAttribute("data-polls"));
    }

    @Test
    void theJobPageShowsItsHistoryAndOnlyAnAdminSeesInternalDetails() {
        String id = jobs.start("{\"files\": 1, \"time_scale\": 0, "
                + "\"fail\": {\"step\": \"classify\", \"kind\": \"permanent\", \"times\": 1}}");
        jobs.awaitStopped(id);
        signIn();
        browser.open("/jobs/" + id);
        browser.await("the failure in the history", driver -> eventTypes().contains("pipeline_failed"));
        List<String> types = eventTypes();
        assertTrue(types.indexOf("pipeline_extract_complete") < types.indexOf("pipeline_classify_failed"), types::toString);
        assertTrue(eventText("pipeline_classify_failed").contains("The classify step failed on purpose"),
                eventText("pipeline_classify_failed"));
        assertEquals(0L, browser.script("return document.querySelectorAll('#events details.internal').length"),
                "a write token sees no internal details");

        browser.find("#action-retry").click();
        browser.await("the retried job completed", attributeToBe(By.id("job"), "data-job-status", "completed"));
        browser.await("the completion in the history", driver -> eventTypes().contains("pipeline_complete"));
        browser.screenshot("job-history");

        browser.token(TestServer.ACME_ADMIN);
        browser.open("/jobs/" + id);
        browser.await("an admin's internal details", driver -> (Long) browser.script(
                "return document.querySelectorAll('#events li[data-type=pipeline_classify_failed] details.internal').length") > 0);
        Object internal = browser.script("return document.querySelector("
                + "'#events li[data-type=pipeline_classify_failed] details.internal pre').textContent");
        assertTrue(String.valueOf(internal).startsWith("detail: "), String.valueOf(internal));
    }

    /** The types of the history's events, read in one go (the list may be rebuilt between two reads). */
    @SuppressWarnings("unchecked")
    private static List<String> eventTypes() {
        return (List<String>) browser.script("return [...document.querySelectorAll('#events li.event')].map(e => e.dataset.type)");
    }

    private static String eventText(String type) {
        return String.valueOf(browser.script("const e = document.querySelector('#events li[data-type=' + arguments[0] + '] "
                + ".event-message'); return e ? e.textContent : ''", type));
    }

    /** Every control of the page has a name a screen reader can say: a label, an aria-label or its text. */
    private static void assertEveryControlIsLabelled() {
        Object unlabelled = browser.script("return [...document.querySelectorAll('input, select, textarea, button')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
                + ".map(e => e.outerHTML)");
        assertEquals(List.of(), unlabelled);
    }

    private static void signIn() {
        browser.open("/");
        browser.token(ACME_WRITER);
    }
}
