package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.QueryJobs;
import dev.conveyor.port.in.Rejection;

/** Job ids as typed on the command line, and the one-line errors when they name nothing. */
final class JobArguments {

    private JobArguments() {
    }

    static JobId parse(String text) {
        try {
            return JobId.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException("'" + text + "' is not a job id (a UUID, as 'conveyor jobs' shows them)");
        }
    }

    static Job find(QueryJobs queries, TenantId tenant, String text) {
        JobId id = parse(text);
        return queries.job(tenant, id).orElseThrow(() -> new CliException("job " + id + " not found for tenant '"
                + tenant + "'"));
    }

    /** The accepted value, or a one-line error saying why the command was refused. */
    static <T> T accepted(Outcome<T> outcome, String what) {
        return switch (outcome) {
            case Outcome.Accepted<T> accepted -> accepted.value();
            case Outcome.Rejected<T> rejected -> throw new CliException(what + ": " + explain(rejected.rejection()));
        };
    }

    static String explain(Rejection rejection) {
        String hint = rejection.reason() == Rejection.Reason.UNKNOWN_PIPELINE
                ? " (name its file with --pipeline FILE or its jar with --plugin JAR)" : "";
        return rejection.message() + hint;
    }
}
