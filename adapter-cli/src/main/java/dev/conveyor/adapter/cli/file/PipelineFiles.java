package dev.conveyor.adapter.cli.file;

import dev.conveyor.adapter.cli.process.CommandStep;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads pipeline files: YAML or JSON declaring steps that each run a command per job. Every problem is
 * reported with the file, line and field at fault.
 *
 * <pre>
 * name: wordcount
 * max_worker_losses: 2
 * steps:
 *   - name: extract
 *     command: tr -cs 'A-Za-z' '\n' &lt; {item} &gt; {workdir}/words.txt
 *     weight: 30
 *     estimate: 20ms per item
 *     retries: 2
 *     timeout: 30s
 * </pre>
 */
public final class PipelineFiles {

    private static final Set<String> PIPELINE_FIELDS = Set.of("name", "description", "max_worker_losses", "steps");
    private static final Set<String> STEP_FIELDS = Set.of("name", "command", "review", "weight", "estimate",
            "retries", "backoff", "timeout", "env", "continue_on_failure");

    private PipelineFiles() {
    }

    /**
     * @param shownAs  the file as the user named it, for messages
     * @param workRoot the parent of per-job work folders ({@code {workdir}}) for jobs whose input names none
     */
    public static PipelineDefinition read(Path file, String shownAs, Path workRoot) {
        if (!Files.isRegularFile(file)) {
            throw new PipelineFileException(file, "pipeline file not found", null);
        }
        Located root = new Located(shownAs, "", TreeReader.read(file, shownAs));
        Fields pipeline = Fields.of(root, "a pipeline", PIPELINE_FIELDS);
        Located nameField = pipeline.required("name");
        String name = pipeline.string(nameField);
        pipeline.string("description");
        OptionalInt maxWorkerLosses = pipeline.optional("max_worker_losses").isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(pipeline.integer("max_worker_losses", 0, 1));
        List<Located> stepNodes = pipeline.list(pipeline.required("steps"));
        if (stepNodes.isEmpty()) {
            throw pipeline.required("steps").problem("must list at least one step");
        }
        Path directory = file.toAbsolutePath().getParent();
        Set<String> earlier = new LinkedHashSet<>();
        List<StepDefinition> steps = new ArrayList<>();
        for (Located node : stepNodes) {
            StepDefinition step = step(node, name, earlier, directory, workRoot);
            earlier.add(step.name());
            steps.add(step);
        }
        try {
            return new PipelineDefinition(name, steps, maxWorkerLosses);
        } catch (IllegalArgumentException e) {
            throw nameField.problem(e.getMessage());
        }
    }

    private static StepDefinition step(Located node, String pipeline, Set<String> earlier, Path directory,
                                       Path workRoot) {
        Fields fields = Fields.of(node, "a step", STEP_FIELDS);
        Located nameField = fields.required("name");
        String name = fields.string(nameField);
        if (!name.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw nameField.problem("'" + name + "' is not a step name: use 1-64 lower-case letters, digits, '_' "
                    + "or '-', starting with a letter");
        }
        if (earlier.contains(name)) {
            throw nameField.problem("another step is already named '" + name + "'");
        }
        StepDefinition step;
        if (fields.bool("review")) {
            if (fields.optional("command").isPresent()) {
                throw fields.required("command").problem("a review step pauses for a human and runs no command");
            }
            step = StepDefinition.reviewGate(name);
        } else {
            CommandStep action = new CommandStep(pipeline, name, StepFields.command(fields.required("command"), earlier),
                    StepFields.env(fields.optional("env"), earlier), directory, workRoot);
            step = StepDefinition.of(name, action).retry(StepFields.retry(fields));
            step = fields.duration("timeout").map(step::timeout).orElse(step);
        }
        step = step.weight(fields.integer("weight", 1, 0))
                .continuePastFailure(fields.bool("continue_on_failure"));
        return fields.optional("estimate").map(field -> {
            String text = Fields.scalarText(field);
            return EstimateText.parse(text).orElseThrow(() -> field.problem("'" + text
                    + "' is not an estimate; write e.g. " + EstimateText.EXAMPLES));
        }).map(step::estimate).orElse(step);
    }
}
