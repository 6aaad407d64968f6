package dev.conveyor.adapter.rest.auth;

import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading tokens from CONVEYOR_TOKENS and from a file, and recognising them. */
class TokensTest {

    private static final String ACME = "acme-write-0123456789";
    private static final String GLOBEX = "globex-read-0123456789";

    @Test
    void theEnvironmentListMapsEachTokenToItsTenantAndRole() {
        Tokens tokens = Tokens.parseList(ACME + ":acme:write, " + GLOBEX + ":globex:read,");

        assertEquals(2, tokens.size());
        assertEquals(Optional.of(new Caller(TenantId.of("acme"), Role.WRITE)), tokens.authenticate(ACME));
        assertEquals(Optional.of(new Caller(TenantId.of("globex"), Role.READ)), tokens.authenticate(GLOBEX));
    }

    @Test
    void theFileHasOneTokenTenantRoleALineWithCommentsAndBlankLines() {
        Tokens tokens = Tokens.parseLines(List.of("# tokens of the team", "", ACME + "  acme\tWRITE", "   ",
                GLOBEX + " globex read"));

        assertEquals(2, tokens.size());
        assertEquals(Role.WRITE, tokens.authenticate(ACME).orElseThrow().role());
    }

    @Test
    void anUnknownTokenOrANearMissIsNobody() {
        Tokens tokens = Tokens.parseList(ACME + ":acme:write");

        assertTrue(tokens.authenticate("").isEmpty());
        assertTrue(tokens.authenticate(ACME + " ").isEmpty());
        assertTrue(tokens.authenticate(ACME.toUpperCase()).isEmpty());
        assertTrue(tokens.authenticate(ACME.substring(0, ACME.length() - 1)).isEmpty());
    }

    @Test
    void anAdminTokenWritesAndAloneSeesInternals() {
        Tokens tokens = Tokens.parseList(ACME + ":acme:admin");

        Caller admin = tokens.authenticate(ACME).orElseThrow();
        assertEquals(Role.ADMIN, admin.role());
        assertTrue(admin.role().mayWrite());
        assertTrue(admin.role().seesInternals());
        assertFalse(Role.WRITE.seesInternals());
        assertFalse(Role.READ.seesInternals());
    }

    @Test
    void nothingConfiguredIsEmpty() {
        assertTrue(Tokens.parseList("").isEmpty());
        assertTrue(Tokens.parseLines(List.of("# nobody yet")).isEmpty());
    }

    @Test
    void aBadEntryIsNamedByItsPositionNeverByItsToken() {
        List<String> bad = List.of(ACME + ":acme", "short:acme:write", ACME + ":acme:owner", ACME + ":-bad-:read",
                ACME + ":acme:read," + ACME + ":globex:read");
        for (String spec : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokens.parseList(spec), spec);
            assertTrue(e.getMessage().startsWith("CONVEYOR_TOKENS entry "), e.getMessage());
            assertFalse(e.getMessage().contains(ACME) || e.getMessage().contains("short:"), e.getMessage());
        }
    }

    @Test
    void aGeneratedTokenIsLongRandomAndWritesForItsTenant() {
        Tokens.Generated one = Tokens.generate(TenantId.of("dev"));
        Tokens.Generated two = Tokens.generate(TenantId.of("dev"));

        assertTrue(one.token().length() >= 32);
        assertFalse(one.token().equals(two.token()));
        assertEquals(Optional.of(new Caller(TenantId.of("dev"), Role.WRITE)), one.tokens().authenticate(one.token()));
        assertTrue(one.tokens().authenticate(two.token()).isEmpty());
    }
}
