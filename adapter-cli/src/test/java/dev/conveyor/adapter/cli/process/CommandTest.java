package dev.conveyor.adapter.cli.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class CommandTest {

    private static final String NASTY = "it's a \"file\" with $HOME, `ticks`, \\ and spaces.txt";

    private static UnaryOperator<String> values(Map<String, String> values) {
        return name -> values.getOrDefault(name, "");
    }

    private static String runShell(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    @Test
    void aPlainCommandRunsWithoutAShellAndEachPlaceholderIsOneArgument() {
        Command command = Command.of("wc -l {item} {workdir}/out.txt");

        assertInstanceOf(Command.Words.class, command);
        assertEquals(List.of("wc", "-l", "/a b/c.txt", "/w d/out.txt"),
                command.argv(values(Map.of("item", "/a b/c.txt", "workdir", "/w d"))));
    }

    @Test
    void shellSyntaxRunsThroughShWithValuesQuotedWhereTheyStand() throws Exception {
        Command bare = Command.of("printf '%s|' {item} > /dev/stdout");
        Command doubled = Command.of("printf '%s|' \"x {item} y\"");
        Command single = Command.of("printf '%s|' 'x {item} y'");

        assertInstanceOf(Command.Shell.class, bare);
        assertEquals(NASTY + "|", runShell(bare.argv(values(Map.of("item", NASTY)))));
        assertEquals("x " + NASTY + " y|", runShell(doubled.argv(values(Map.of("item", NASTY)))));
        assertEquals("x " + NASTY + " y|", runShell(single.argv(values(Map.of("item", NASTY)))));
    }

    @Test
    void aShellBuiltInRunsThroughSh() {
        assertInstanceOf(Command.Shell.class, Command.of("exit 75"));
        assertInstanceOf(Command.Words.class, Command.of("true"));
    }

    @Test
    void aListCommandPassesEachWordAsItIs() {
        Command command = Command.ofWords(List.of("echo", "{item} and {step}"));

        assertEquals(List.of("echo", "a; rm -rf / and count"), command.argv(values(Map.of("item", "a; rm -rf /",
                "step", "count"))));
    }

    @Test
    void placeholdersAreListedOnceEach() {
        assertEquals(java.util.Set.of("item", "extract.output"),
                Command.of("cat {item} {extract.output} {item} | awk '{print $1}' ${HOME}").placeholders());
    }
}
