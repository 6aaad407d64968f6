package dev.conveyor.archfixtures.violating.adapter.rest;

/** A composition root, which others wrongly depend on. */
public final class ServerMain {

    public static String version() {
        return "fixture";
    }
}
