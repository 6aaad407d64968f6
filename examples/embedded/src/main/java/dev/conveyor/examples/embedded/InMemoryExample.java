package dev.conveyor.examples.embedded;

import dev.conveyor.core.Conveyor;

/** The engine on the in-memory store, two workers: jobs live as long as the process. */
public final class InMemoryExample {

    private InMemoryExample() {
    }

    public static void main(String[] args) throws InterruptedException {
        int exit;
        try (Conveyor conveyor = Conveyor.builder().pipeline(WordReport.pipeline(ExampleRun.PER_WORD)).workers(2).start()) {
            exit = ExampleRun.run(conveyor, "in-memory");
        }
        System.exit(exit);
    }
}
