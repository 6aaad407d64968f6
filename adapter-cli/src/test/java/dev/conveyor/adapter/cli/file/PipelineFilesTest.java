package dev.conveyor.adapter.cli.file;

import dev.conveyor.adapter.cli.support.Files2;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineFilesTest {

    @TempDir
    Path dir;

    private PipelineDefinition read(String name, String text) {
        Path file = Files2.write(dir.resolve(name), text);
        return PipelineFiles.read(file, name, dir.resolve("work"));
    }

    private String problem(String name, String text) {
        return assertThrows(PipelineFileException.class, () -> read(name, text)).getMessage();
    }

    @Test
    void aYamlFileBecomesAPipelineWithEveryDeclaredSetting() {
        PipelineDefinition pipeline = read("p.yaml", """
                name: docs
                description: two steps
                max_worker_losses: 2
                steps:
                  - name: extract
                    command: cat {item}
                    weight: 30
                    estimate: 5s per item
                    retries: 4
                    backoff: 250ms
                    timeout: 1m
                    env: {MODE: fast, SOURCE: "{item}"}
                  - name: approve
                    review: true
                    weight: 10
                  - name: publish
                    command: [echo, "{extract.output}"]
                    continue_on_failure: true
                """);

        assertEquals("docs", pipeline.name());
        assertEquals(java.util.OptionalInt.of(2), pipeline.maxWorkerLosses());
        assertEquals(java.util.List.of("extract", "approve", "publish"), pipeline.stepNames());
        StepDefinition extract = pipeline.steps().get(0);
        assertEquals(30, extract.weight());
        assertEquals(Estimate.perUnit(Duration.ofSeconds(5), 1, "items"), extract.estimate());
        assertEquals(5, extract.retry().maxAttempts());
        assertEquals(Duration.ofMillis(250), extract.retry().initialBackoff());
        assertEquals(Duration.ofMinutes(1), extract.timeout().orElseThrow());
        assertTrue(pipeline.steps().get(1).isReviewGate());
        assertEquals(1, pipeline.steps().get(2).weight());
        assertTrue(pipeline.steps().get(2).continuePastFailure());
        assertEquals(3, pipeline.steps().get(2).retry().maxAttempts(), "two retries unless the file says otherwise");
    }

    @Test
    void aJsonFileIsReadTheSameWay() {
        PipelineDefinition pipeline = read("p.json", """
                {"name": "checks", "steps": [{"name": "hash", "command": "sha256sum {item}", "estimate": "3s per 20 lines"}]}
                """);

        assertEquals("checks", pipeline.name());
        assertEquals(java.util.OptionalInt.empty(), pipeline.maxWorkerLosses(), "the engine's default unless set");
        assertEquals(Estimate.perUnit(Duration.ofSeconds(3), 20, "lines"), pipeline.steps().getFirst().estimate());
    }

    @Test
    void aWrongTypeNamesTheLineAndTheField() {
        String message = problem("p.yaml", """
                name: docs
                steps:
                  - name: extract
                    command: cat {item}
                    timeout: soon
                """);

        assertEquals("p.yaml:5: steps[0].timeout: 'soon' is not a duration; write e.g. 500ms, 30s, 1.5m, 2h, 7d or PT30S",
                message);
    }

    @Test
    void aMissingFieldNamesTheStepItBelongsTo() {
        assertEquals("p.yaml:3: steps[0].command: is missing", problem("p.yaml", """
                name: docs
                steps:
                  - name: extract
                """));
    }

    @Test
    void aMisspelledFieldIsRejectedWithTheKnownOnes() {
        String message = problem("p.yaml", """
                name: docs
                steps:
                  - name: extract
                    comand: cat {item}
                """);

        assertTrue(message.startsWith("p.yaml:4: steps[0].comand: unknown field; the fields are: backoff, command,"),
                message);
    }

    @Test
    void anUnknownPlaceholderIsRejectedWithThePlaceholdersKnownThere() {
        String message = problem("p.yaml", """
                name: docs
                steps:
                  - name: extract
                    command: cat {item} > {workdir}/a
                  - name: count
                    command: wc -l {itme}
                """);

        assertEquals("p.yaml:6: steps[1].command: unknown placeholder {itme}: it is not a placeholder; known here: "
                + "{item}, {workdir}, {job_id}, {attempt}, {step}, {pipeline_dir}, {extract.output}", message);
    }

    @Test
    void anOutputPlaceholderMustNameAnEarlierStep() {
        String message = problem("p.yaml", """
                name: docs
                steps:
                  - name: extract
                    command: echo {count.output}
                  - name: count
                    command: "true"
                """);

        assertTrue(message.startsWith("p.yaml:4: steps[0].command: unknown placeholder {count.output}: it names no "
                + "earlier step"), message);
    }

    @Test
    void shellSyntaxThatLooksLikeBracesIsNotAPlaceholder() {
        PipelineDefinition pipeline = read("p.yaml", """
                name: docs
                steps:
                  - name: extract
                    command: awk '{print $1}' {item} > "${HOME}/x"
                """);

        assertEquals("extract", pipeline.steps().getFirst().name());
    }

    @Test
    void malformedYamlNamesItsLine() {
        String message = problem("p.yaml", """
                name: docs
                steps:
                  - name: extract
                    command: [cat, {item}
                  - name: other
                """);

        assertTrue(message.startsWith("p.yaml:"), message);
        assertTrue(message.contains("malformed YAML"), message);
        assertTrue(message.matches("p\\.yaml:[4-6]: malformed YAML: .+"), message);
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertEquals("p.yaml:3: name: is given twice (first on line 1)", problem("p.yaml", """
                name: docs
                steps: []
                name: again
                """));
    }

    @Test
    void aPipelineNeedsStepsAndValidNames() {
        assertEquals("p.yaml:2: steps: must list at least one step", problem("p.yaml", """
                name: docs
                steps: []
                """));
        assertTrue(problem("p.yaml", """
                name: Docs!
                steps:
                  - name: a
                    command: "true"
                """).startsWith("p.yaml:1: name: pipeline name must be"));
        assertEquals("p.yaml:4: steps[1].name: another step is already named 'a'", problem("p.yaml", """
                name: docs
                steps:
                  - {name: a, command: "true"}
                  - {name: a, command: "true"}
                """));
    }

    @Test
    void aReviewStepRunsNoCommand() {
        assertEquals("p.yaml:5: steps[0].command: a review step pauses for a human and runs no command",
                problem("p.yaml", """
                        name: docs
                        steps:
                          - name: approve
                            review: true
                            command: "true"
                        """));
    }

    @Test
    void anEmptyOrMissingFileSaysSo() {
        assertEquals("p.yaml: the file is empty", problem("p.yaml", ""));
        PipelineFileException missing = assertThrows(PipelineFileException.class,
                () -> PipelineFiles.read(dir.resolve("nope.yaml"), "nope.yaml", dir));
        assertTrue(missing.getMessage().contains("pipeline file not found"), missing.getMessage());
    }

    @Test
    void numbersMustBeWholeAndInRange() {
        assertEquals("p.yaml:5: steps[0].weight: must be a whole number, not 'heavy'", problem("p.yaml", """
                name: docs
                steps:
                  - name: a
                    command: "true"
                    weight: heavy
                """));
        assertEquals("p.yaml:5: steps[0].retries: must be between 0 and 1000000, got -1", problem("p.yaml", """
                name: docs
                steps:
                  - name: a
                    command: "true"
                    retries: -1
                """));
    }
}
