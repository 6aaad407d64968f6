package dev.conveyor.pipeline;

/**
 * The code of one step, written by library users: usually a lambda. It reads the job's input and earlier
 * steps' outputs through its {@link StepContext}, does its work, and stores its output there.
 *
 * <p>Throwing fails the attempt: a {@link StepException} says whether it is worth retrying; any other
 * exception is classified by the engine's error classifier (timeouts and connection errors are transient,
 * the rest permanent). Recording warnings instead of throwing makes the step's result partial: the job
 * goes on.
 */
@FunctionalInterface
public interface Step {

    void run(StepContext context) throws Exception;
}
