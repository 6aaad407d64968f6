package dev.conveyor.adapter.rest.resource;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A polled value equal to the last one gets the same body back; anything else is rendered afresh. */
class LastBodiesTest {

    private record View(String status, int progress) {
    }

    private final AtomicInteger renders = new AtomicInteger();

    private byte[] render(View view) {
        renders.incrementAndGet();
        return (view.status() + ":" + view.progress()).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEqualValueReusesTheBodyAndTagWithoutRenderingAgain() throws Exception {
        var bodies = new LastBodies<String, View>(10);

        Etags.Tagged first = bodies.body("job", new View("running", 40), this::render);
        Etags.Tagged again = bodies.body("job", new View("running", 40), this::render);

        assertSame(first, again);
        assertEquals(1, renders.get());
        assertArrayEquals("running:40".getBytes(StandardCharsets.UTF_8), first.bytes());
        assertEquals(Etags.of(first.bytes()), first.etag());
    }

    @Test
    void aChangedValueIsRenderedAfreshWithANewTag() throws Exception {
        var bodies = new LastBodies<String, View>(10);

        Etags.Tagged before = bodies.body("job", new View("running", 40), this::render);
        Etags.Tagged after = bodies.body("job", new View("running", 41), this::render);

        assertArrayEquals("running:41".getBytes(StandardCharsets.UTF_8), after.bytes());
        assertNotEquals(before.etag(), after.etag());
        assertEquals(2, renders.get());
    }

    @Test
    void keysDoNotShareBodiesEvenForEqualValues() throws Exception {
        var bodies = new LastBodies<String, View>(10);

        bodies.body("a", new View("completed", 100), this::render);
        bodies.body("b", new View("completed", 100), this::render);

        assertEquals(2, renders.get());
    }

    @Test
    void tenThousandPolledJobsAreAllRememberedWhereTheOldMemoryForgotEverythingPast4096() throws Exception {
        var bodies = new LastBodies<Integer, View>(16_384);
        View view = new View("running", 40);

        for (int round = 0; round < 2; round++) {
            for (int job = 0; job < 10_000; job++) {
                bodies.body(job, view, this::render);
            }
        }

        assertEquals(10_000, renders.get(), "the second round found every body");
    }

    @Test
    void withMoreKeysThanFitManyPollsStillFindTheirsAndTheMemoryStaysBounded() throws Exception {
        var bodies = new LastBodies<Integer, View>(1_000);
        View view = new View("queued", 0);
        for (int round = 0; round < 5; round++) {
            for (int job = 0; job < 2_000; job++) {
                bodies.body(job, view, this::render);
            }
        }
        int before = renders.get();

        for (int job = 0; job < 2_000; job++) {
            bodies.body(job, view, this::render);
        }

        assertTrue(bodies.size() <= 1_000, "bounded: " + bodies.size());
        int hits = 2_000 - (renders.get() - before);
        // Caffeine's admission is randomised, so the hits vary from run to run (the same shape in MappedRowsTest
        // ranged from 729 to 928 of 2,000); the memory this replaced was cleared when full and would hit none.
        assertTrue(hits >= 500, "keys polled in turn, twice as many as fit, still hit: " + hits + " of 2000");
    }

    @Test
    void aZeroCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LastBodies<String, View>(0));
    }
}
