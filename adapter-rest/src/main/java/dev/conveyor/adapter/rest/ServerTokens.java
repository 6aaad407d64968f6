package dev.conveyor.adapter.rest;

import dev.conveyor.adapter.rest.auth.Tokens;
import dev.conveyor.model.TenantId;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the server's tokens come from: the {@code --tokens} file, else {@code CONVEYOR_TOKENS}, else a
 * development token generated and printed once, so the server never runs open.
 */
final class ServerTokens {

    static final TenantId DEV_TENANT = TenantId.of("dev");

    private ServerTokens() {
    }

    static Tokens load(Optional<Path> file, Map<String, String> env, PrintStream out) {
        Tokens tokens;
        if (file.isPresent()) {
            try {
                tokens = Tokens.parseLines(Files.readAllLines(file.get()));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the tokens file " + file.get() + ": " + e.getMessage(), e);
            }
        } else {
            tokens = Tokens.parseList(env.getOrDefault("CONVEYOR_TOKENS", ""));
        }
        if (!tokens.isEmpty()) {
            return tokens;
        }
        Tokens.Generated dev = Tokens.generate(DEV_TENANT);
        out.println("No tokens configured (--tokens FILE or CONVEYOR_TOKENS): generated a development token for tenant '"
                + DEV_TENANT + "' with the write role. Use it as: Authorization: Bearer " + dev.token());
        return dev.tokens();
    }
}
