package dev.conveyor.adapter.rest.resource;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EtagsTest {

    @Test
    void aTagIsAQuotedStrongValidatorThatFollowsEveryByte() {
        String tag = Etags.of(bytes("{\"progress\":35}"));

        assertTrue(tag.startsWith("\"") && tag.endsWith("\"") && !tag.startsWith("W/"), tag);
        assertEquals(tag, Etags.of(bytes("{\"progress\":35}")));
        assertNotEquals(tag, Etags.of(bytes("{\"progress\":36}")));
        assertNotEquals(Etags.of(bytes("ab")), Etags.of(bytes("ba")));
    }

    @Test
    void ifNoneMatchAcceptsListsWeakTagsAndTheWildcardButNothingElse() {
        String tag = Etags.of(bytes("x"));

        assertTrue(Etags.matches(tag, tag));
        assertTrue(Etags.matches("W/" + tag, tag));
        assertTrue(Etags.matches("\"a\" , " + tag, tag));
        assertTrue(Etags.matches("*", tag));
        assertFalse(Etags.matches(null, tag));
        assertFalse(Etags.matches("", tag));
        assertFalse(Etags.matches(tag.replace("\"", ""), tag));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
