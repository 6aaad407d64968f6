package dev.conveyor.core;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library snippet of the README runs, and the README shows exactly this code. */
class ReadmeExampleTest {

    @Test
    void theReadmeSnippetRunsAJobToCompletion() throws Exception {
        Job done;
        ProgressView progress;
        // README:begin
        PipelineDefinition documents = PipelineDefinition.named("documents")
                .step("extract", 25, Estimate.perUnit(Duration.ofSeconds(5), 1, "files"), ctx -> {
                    long files = ctx.input().getLong("files", 0);
                    for (long file = 1; file <= files; file++) {
                        ctx.progress(file, files); // cheap: stored at most every 250 ms
                    }
                    ctx.put("pages", files * 4);
                })
                .step("classify", 25, Estimate.perUnit(Duration.ofSeconds(3), 20, "items"), ctx -> ctx.addCost(0.003))
                .reviewGate("review", 10)
                .step("validate", 20, Estimate.fixed(Duration.ofSeconds(1)), ctx -> { })
                .step("generate", 20, Estimate.fixed(Duration.ofSeconds(2)), ctx -> { })
                .build();

        try (Conveyor conveyor = Conveyor.builder().pipeline(documents).start()) {
            TenantId acme = TenantId.of("acme");
            Job job = conveyor.submit(SubmitJob.startNow(acme, "documents", Payload.of("files", 3))).orElseThrow();
            progress = conveyor.progress(acme, job.id()).orElseThrow(); // what GET /jobs/{id}/progress shows
            done = conveyor.await(acme, job.id(), Duration.ofSeconds(10)).orElseThrow();
        }
        // README:end
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(12L, done.step("extract").orElseThrow().output().getLong("pages", 0));
        assertEquals(5, progress.steps().size());
    }

    @Test
    void theReadmeShowsTheSnippetVerbatim() throws IOException {
        Path source = Path.of("src/test/java/dev/conveyor/core/ReadmeExampleTest.java");
        String code = Files.readString(source);
        String snippet = code.substring(code.indexOf("// README:begin") + "// README:begin".length(),
                code.indexOf("// README:end"));
        String readme = Files.readString(Path.of("../README.md"));

        assertTrue(normalise(readme).contains(normalise(snippet)),
                "README.md must contain the snippet of ReadmeExampleTest, indentation aside:\n" + snippet);
    }

    private static String normalise(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
    }
}
