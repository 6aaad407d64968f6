package dev.conveyor.adapter.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may scrape the meters. With a metrics token ({@code CONVEYOR_METRICS_TOKEN}), a scrape must send it as
 * {@code Authorization: Bearer <token>}. Without one, the meters are open only on a server bound to a loopback
 * address (127.0.0.1, ::1, localhost), where only this host can reach them; a server bound to any other address
 * refuses scrapes until a token is set. The meters name pipelines and steps, never jobs or tenants, so a separate
 * operator's token (rather than a tenant's) is what guards them.
 */
public final class ScrapeAccess {

    private static final String BEARER = "bearer ";

    private final Optional<byte[]> token;
    private final boolean loopback;

    private ScrapeAccess(Optional<String> token, boolean loopback) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.loopback = loopback;
    }

    /**
     * @param token    the metrics token, if one is set (blank counts as none)
     * @param bindHost the address the server listens on
     * @throws IllegalArgumentException when the address cannot be resolved
     */
    public static ScrapeAccess of(Optional<String> token, String bindHost) {
        Objects.requireNonNull(token, "token must not be null");
        return new ScrapeAccess(token.map(String::strip).filter(t -> !t.isEmpty()), isLoopback(bindHost));
    }

    /** Whether scrapes need no token: none is set and the server listens on a loopback address only. */
    public boolean isOpen() {
        return token.isEmpty() && loopback;
    }

    /** Whether a scrape can ever be let in: a token is set, or the server listens on a loopback address only. */
    public boolean canAdmit() {
        return token.isPresent() || loopback;
    }

    /** What a scrape that sent {@code authorization} (the header, if any) is answered. */
    public ScrapeAnswer answer(Optional<String> authorization, ConveyorMetrics metrics) {
        if (token.isEmpty()) {
            return loopback ? ScrapeAnswer.ok(metrics.scrape()) : ScrapeAnswer.refused(403,
                    "The meters are not served on a non-loopback address without a metrics token: set "
                            + "CONVEYOR_METRICS_TOKEN (or --metrics-token) and scrape with "
                            + "Authorization: Bearer <token>.");
        }
        Optional<String> sent = authorization.map(String::strip)
                .filter(h -> h.length() > BEARER.length() && h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(h -> h.substring(BEARER.length()).strip());
        if (sent.isEmpty()) {
            return ScrapeAnswer.refused(401, "Scraping the meters needs the metrics token: send "
                    + "Authorization: Bearer <token>.");
        }
        if (!MessageDigest.isEqual(token.get(), sent.get().getBytes(StandardCharsets.UTF_8))) {
            return ScrapeAnswer.refused(401, "The metrics token is not valid.");
        }
        return ScrapeAnswer.ok(metrics.scrape());
    }

    private static boolean isLoopback(String host) {
        Objects.requireNonNull(host, "bindHost must not be null");
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the address '" + host + "' to listen on", e);
        }
    }
}
