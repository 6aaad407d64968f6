package dev.conveyor.adapter.cli.batch;

/** Shows a batch while it runs: live redraws on a terminal, timestamped lines elsewhere, or nothing. */
public interface Display {

    /** Called once before the first snapshot, with a line saying what is about to happen. */
    void begin(String headline, Snapshot first);

    void update(Snapshot snapshot);

    /** Called once after the last snapshot; a live display clears its redraw area here. */
    void end(Snapshot last);

    Display NONE = new Display() {
        @Override
        public void begin(String headline, Snapshot first) {
        }

        @Override
        public void update(Snapshot snapshot) {
        }

        @Override
        public void end(Snapshot last) {
        }
    };
}
