package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentityMemoTest {

    private record Key(String name) {
    }

    private final List<Key> worked = new ArrayList<>();

    @Test
    void theSameObjectGetsItsValueBackWithoutWorkingItOutAgain() {
        IdentityMemo<Key, String> memo = new IdentityMemo<>(16, this::work, value -> true);
        Key key = new Key("a");

        String first = memo.get(key);

        assertSame(first, memo.get(key));
        assertEquals(List.of(key), worked);
    }

    @Test
    void anEqualButDifferentObjectIsWorkedOutItself() {
        IdentityMemo<Key, String> memo = new IdentityMemo<>(16, this::work, value -> true);

        memo.get(new Key("a"));
        memo.get(new Key("a"));

        assertEquals(2, worked.size());
    }

    @Test
    void aValueNotWorthKeepingIsWorkedOutEveryTime() {
        IdentityMemo<Key, String> memo = new IdentityMemo<>(16, this::work, value -> value.length() < 3);
        Key big = new Key("big");

        assertEquals("big!", memo.get(big));
        assertEquals("big!", memo.get(big));

        assertEquals(List.of(big, big), worked);
    }

    @Test
    void theSizeMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new IdentityMemo<Key, String>(12, this::work, v -> true));
    }

    private String work(Key key) {
        worked.add(key);
        return key.name() + "!";
    }
}
