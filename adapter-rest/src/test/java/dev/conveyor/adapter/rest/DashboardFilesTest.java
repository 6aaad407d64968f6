package dev.conveyor.adapter.rest;

import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's files come from the jar at {@code /} with their media types, revalidated by ETag, with no token;
 * anything else there is the API's JSON 404, and the API itself is untouched.
 */
class DashboardFilesTest {

    private static TestServer server;
    private static ApiClient anonymous;

    @BeforeAll
    static void start() {
        server = TestServer.inMemory();
        anonymous = server.client().anonymous();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theRootIsTheDashboardPageWithNoTokenNeeded() {
        ApiResponse page = anonymous.get("");

        assertEquals(200, page.status());
        assertEquals("text/html;charset=utf-8", page.header("Content-Type").orElseThrow().toLowerCase());
        assertTrue(page.body().contains("<title>Conveyor</title>"), page.body());
        assertEquals("no-cache", page.header("Cache-Control").orElseThrow());
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElseThrow());
        assertTrue(page.header("Content-Security-Policy").orElseThrow().startsWith("default-src 'self'"));
    }

    @Test
    void everyAssetThePageNamesIsServedWithItsMediaType() {
        String html = anonymous.get("").body();
        // The page names its assets relative to itself, so that it works under whatever path it is mounted at.
        Matcher assets = Pattern.compile("(?:src|href)=\"(assets/[^\"]+)\"").matcher(html);
        int found = 0;
        while (assets.find()) {
            ApiResponse asset = anonymous.get(assets.group(1));
            assertEquals(200, asset.status(), assets.group(1));
            String type = asset.header("Content-Type").orElseThrow().toLowerCase();
            String expected = assets.group(1).endsWith(".js") ? "text/javascript;charset=utf-8"
                    : assets.group(1).endsWith(".css") ? "text/css;charset=utf-8" : "image/svg+xml";
            assertEquals(expected, type, assets.group(1));
            found++;
        }
        assertTrue(found >= 3, "the page names its script, styles and icon: " + html);
    }

    @ParameterizedTest
    @CsvSource({"assets/app.js, text/javascript;charset=utf-8", "assets/api.js, text/javascript;charset=utf-8",
            "assets/style.css, text/css;charset=utf-8", "assets/icon.svg, image/svg+xml"})
    void scriptsStylesAndIconHaveTheirMediaTypes(String path, String type) {
        ApiResponse asset = anonymous.get(path);

        assertEquals(200, asset.status(), path);
        assertEquals(type, asset.header("Content-Type").orElseThrow().toLowerCase());
    }

    @Test
    void anUnchangedFileCostsA304() {
        ApiResponse first = anonymous.get("assets/app.js");
        String etag = first.header("ETag").orElseThrow();

        ApiResponse again = anonymous.send(anonymous.request("assets/app.js").header("If-None-Match", etag).GET());

        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(etag, again.header("ETag").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"assets/nothing.js", "assets/app.exe", "assets/", "assets/..%2Fweb%2Findex.html",
            "assets/%2e%2e/%2e%2e/RestServer.class", "index.html", "assets/App.js", "web/index.html"})
    void whatIsNotADashboardFileIsTheApisJson404(String path) {
        ApiResponse missing = anonymous.get(path);

        assertEquals(404, missing.status(), path + ": " + missing);
        assertEquals("not_found", missing.errorCode(), path);
        assertTrue(missing.header("Content-Type").orElseThrow().startsWith("application/json"), path);
    }

    @Test
    void writingToThePageIsA405InTheEnvelope() {
        ApiResponse post = anonymous.post("", "{}");

        assertEquals(405, post.status(), post::toString);
        assertEquals("method_not_allowed", post.errorCode());
    }

    @Test
    void theApiBesideItStillAsksForAToken() {
        ApiResponse jobs = anonymous.get("api/v1/jobs");

        assertEquals(401, jobs.status());
        assertEquals("unauthenticated", jobs.errorCode());
    }
}
