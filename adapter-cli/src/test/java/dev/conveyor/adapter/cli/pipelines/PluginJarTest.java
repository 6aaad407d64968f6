package dev.conveyor.adapter.cli.pipelines;

import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.Files2;
import dev.conveyor.pipeline.PipelineProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java pipelines from a plugin jar, compiled here so that nothing of it is on the test class path. */
class PluginJarTest {

    @TempDir
    Path dir;

    @Test
    void aPluginJarsPipelinesAreListedAndRunByName() throws Exception {
        Path jar = pluginJar(true);
        Files2.write(dir.resolve("a.txt"), "a");

        CliHarness.Result listed = new CliHarness(dir).run("pipelines", "--plugin", "greetings.jar");
        CliHarness.Result ran = new CliHarness(dir).run("run", "greet", "a.txt", "--plugin", jar.toString());

        assertEquals(0, listed.exit(), listed.toString());
        assertTrue(listed.out().startsWith("greet  (plugin greetings.jar)\n  hello  "), listed.out());
        assertEquals(0, ran.exit(), ran.toString());
        assertTrue(ran.out().contains("greet: 1 item in "), ran.out());
        assertTrue(ran.out().contains("Total cost: $0.0100"), "the plugin's step ran: " + ran.out());
    }

    @Test
    void aJarWithoutAProviderIsAnError() throws Exception {
        pluginJar(false);

        CliHarness.Result result = new CliHarness(dir).run("pipelines", "--plugin", "greetings.jar");

        assertEquals(2, result.exit());
        assertEquals("conveyor: plugin jar greetings.jar has no pipelines: it must name a "
                + "dev.conveyor.pipeline.PipelineProvider in META-INF/services/dev.conveyor.pipeline.PipelineProvider\n",
                result.err());
    }

    @Test
    void aMissingJarIsAnError() {
        CliHarness.Result result = new CliHarness(dir).run("pipelines", "--plugin", "nope.jar");

        assertEquals(2, result.exit());
        assertEquals("conveyor: plugin jar not found: nope.jar\n", result.err());
    }

    private Path pluginJar(boolean withService) throws IOException {
        Path source = Files2.write(dir.resolve("src/plugin/greetings/Greetings.java"), """
                package plugin.greetings;

                import dev.conveyor.pipeline.PipelineDefinition;
                import dev.conveyor.pipeline.PipelineProvider;
                import java.util.List;

                public final class Greetings implements PipelineProvider {
                    @Override
                    public List<PipelineDefinition> pipelines() {
                        return List.of(PipelineDefinition.named("greet")
                                .step("hello", context -> {
                                    context.put("greeting", "hello " + context.input().getString("item", "?"));
                                    context.addCost(0.01);
                                })
                                .build());
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                source.toString());
        assertEquals(0, status, "the plugin compiles");
        Path jar = dir.resolve("greetings.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                put(out, classes.relativize(file).toString(), Files.readAllBytes(file));
            }
            if (withService) {
                put(out, "META-INF/services/" + PipelineProvider.class.getName(),
                        "plugin.greetings.Greetings\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }
}
