package dev.conveyor.adapter.rest;

import dev.conveyor.adapter.rest.auth.Tokens;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the server needs to start, and what it says when it cannot. */
class StartupTest {

    @Test
    void aPortInUseIsAClearErrorAndLeavesNothingRunning() {
        try (TestServer running = TestServer.start()) {
            ServerOptions same = ServerOptions.inMemory(running.port(), 1);
            ServerOptions options = new ServerOptions(same.http().withHost("127.0.0.1"), Optional.empty(), 1,
                    Optional.empty(), false);

            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> ServerMain.start(options, Tokens.parseList("startup-test-token-0001:acme:write"), Map.of()));

            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + running.port()), e.getMessage());
        }
    }

    @Test
    void tokensComeFromTheFileBeforeTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens");
        Files.write(file, List.of("# team tokens", "file-token-000000001 acme read"));

        Tokens tokens = ServerTokens.load(Optional.of(file), Map.of("CONVEYOR_TOKENS", "env-token-0000000001:acme:write"),
                new PrintStream(new ByteArrayOutputStream()));

        assertTrue(tokens.authenticate("file-token-000000001").isPresent());
        assertTrue(tokens.authenticate("env-token-0000000001").isEmpty());
    }

    @Test
    void withNoTokensAtAllADevelopmentTokenIsGeneratedAndPrinted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Tokens tokens = ServerTokens.load(Optional.empty(), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        String token = printed.substring(printed.indexOf("Bearer ") + "Bearer ".length()).strip();
        assertEquals(1, tokens.size());
        assertTrue(tokens.authenticate(token).isPresent(), printed);
    }

    @Test
    void anUnreadableTokensFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerTokens.load(Optional.of(missing), Map.of(), System.out));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
