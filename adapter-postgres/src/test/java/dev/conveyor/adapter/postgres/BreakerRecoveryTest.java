package dev.conveyor.adapter.postgres;

import dev.conveyor.model.JobId;
import dev.conveyor.model.TenantId;
import dev.conveyor.testing.postgres.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store on the real PostgreSQL through a TCP proxy: the breaker opens when the database refuses connections,
 * and a probe closes it soon after the database accepts them again.
 */
class BreakerRecoveryTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final JobId NONE = new JobId(new UUID(0, 1));

    private TcpProxy proxy;
    private PostgresConfig config;
    private PostgresStores stores;

    @BeforeEach
    void connect() {
        PostgresConfig direct = TestDatabase.freshSchema(BreakerRecoveryTest.class);
        proxy = TcpProxy.toJdbcUrl(direct.jdbcUrl());
        config = new PostgresConfig(proxy.route(direct.jdbcUrl()), direct.user(), direct.password(), direct.schema(),
                direct.poolSize(), direct.connectTimeout(), direct.writers(), direct.statementTimeout(),
                direct.breakerWait());
        stores = PostgresStores.connect(config);
    }

    @AfterEach
    void drop() {
        proxy.restore();
        TestDatabase.closeAndDrop(stores, config);
        proxy.close();
    }

    @Test
    void aDatabaseThatRefusedConnectionsIsFoundBackWithinTwoProbes() throws Exception {
        proxy.refuse();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (stores.available() && System.nanoTime() < deadline) {
            try {
                stores.jobStore().find(TENANT, NONE);
            } catch (PostgresUnavailableException expected) {
                // until the breaker opens
            }
        }
        assertTrue(!stores.available(), "the breaker opened");
        Thread.sleep(3_000); // a few failed probes

        proxy.restore();
        long restored = System.nanoTime();
        while (!stores.available() && System.nanoTime() - restored < 15_000_000_000L) {
            Thread.sleep(10);
        }
        long back = (System.nanoTime() - restored) / 1_000_000;
        System.out.println("BREAKER refused: closed " + back + " ms after the database accepted connections again");
        // A probe each breaker wait (1 s) plus a connect timeout (1 s) for a probe in flight: within about 2 s.
        assertTrue(back < 3_500, "closed " + back + " ms after the database came back");
        stores.jobStore().find(TENANT, NONE);
    }
}
