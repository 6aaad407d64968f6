package dev.conveyor.adapter.cli.process;

import dev.conveyor.model.UserError;
import dev.conveyor.pipeline.StepContext;
import dev.conveyor.pipeline.StepException;

import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * What a command's non-zero exit means: 75 (EX_TEMPFAIL) and death by a signal are worth retrying; 126/127
 * mean the shell could not run the program; anything else is a permanent failure, reported with the code and
 * message the command declared ({@code error CODE TEXT}) or as {@code exit_N}.
 */
final class ExitStatus {

    static final int TEMPORARY_FAILURE = 75;

    private ExitStatus() {
    }

    static RuntimeException failure(String step, int exit, Optional<UserError> declared, String detail,
                                    StepContext context) {
        CommandFailure cause = new CommandFailure(detail);
        if (exit == TEMPORARY_FAILURE) {
            return StepException.transientFailure("The " + step + " step reported a temporary failure (exit 75).",
                    cause);
        }
        if (exit > 128 && exit <= 128 + 64) {
            if (context.isCancelled()) {
                return new CancellationException("the " + step + " step was stopped");
            }
            return StepException.transientFailure("The " + step + " step's command was stopped by signal "
                    + (exit - 128) + ".", cause);
        }
        if (declared.isPresent()) {
            return StepException.permanent(declared.get().code(), declared.get().message(), cause);
        }
        return switch (exit) {
            case 126 -> StepException.permanent("command_not_executable", "The " + step
                    + " step's command could not be executed (exit 126).", cause);
            case 127 -> StepException.permanent("command_not_found", "The " + step
                    + " step's command was not found (exit 127).", cause);
            default -> StepException.permanent("exit_" + exit, "The " + step
                    + " step failed: its command exited with status " + exit + ".", cause);
        };
    }

    /** The internal detail of a failed command (its argv, exit status and stderr tail), for the audit log. */
    static final class CommandFailure extends Exception {
        private static final long serialVersionUID = 1L;

        CommandFailure(String detail) {
            super(detail, null, false, false);
        }
    }
}
