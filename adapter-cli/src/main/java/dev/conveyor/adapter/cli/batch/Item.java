package dev.conveyor.adapter.cli.batch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing to push through a pipeline: a file (its absolute path) or a line of text (a URL, an id). Its
 * value is stored in the job's input as {@code item}, which is how a re-run finds the job again.
 */
public record Item(String value, boolean file) {

    /** The job input key holding the item. */
    public static final String KEY = "item";

    public Item {
        Objects.requireNonNull(value, "item value must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("item value must not be blank");
        }
    }

    public static Item file(Path path) {
        return new Item(path.toAbsolutePath().normalize().toString(), true);
    }

    /** The item a job was submitted for, or its id when its input names none (a job from elsewhere). */
    public static Item of(dev.conveyor.model.Job job) {
        String value = job.input().getString(KEY, "");
        return value.isBlank() ? new Item("job " + job.id(), false) : new Item(value, value.startsWith("/"));
    }

    public static Item text(String text) {
        return new Item(text.strip(), false);
    }
}
