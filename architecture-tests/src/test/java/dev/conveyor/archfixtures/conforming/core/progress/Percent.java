package dev.conveyor.archfixtures.conforming.core.progress;

public final class Percent {

    private Percent() {
    }

    public static int of(long done, long total) {
        return total == 0 ? 0 : (int) (100 * done / total);
    }
}
