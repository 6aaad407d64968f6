package dev.conveyor.adapter.spring;

import dev.conveyor.testing.postgres.TestPostgres;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * What the starter adds to an application's start-up: the time to start (and connect) a context with the
 * application's DataSource alone, and with Conveyor too, runs alternating in one JVM, medians and ranges. In memory,
 * and on PostgreSQL, where a start also opens Conveyor's pool, migrates its schema (first start: create; later:
 * validate) and opens the LISTEN connection.
 * <pre>
 * ./mvnw -B -q -pl conveyor-spring-boot-starter exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.conveyor.adapter.spring.StartupCost
 * </pre>
 */
public final class StartupCost {

    private StartupCost() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        TestPostgres.Server db = TestPostgres.server();
        String schema = "startup_" + UUID.randomUUID().toString().substring(0, 8);
        ApplicationContextRunner app = new ApplicationContextRunner()
                .withUserConfiguration(ConveyorAutoConfigurationTest.OnePipeline.class)
                .withPropertyValues("spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.user(),
                        "spring.datasource.password=" + db.password(), "conveyor.postgres.schema=" + schema,
                        "conveyor.workers=2");
        ApplicationContextRunner alone = app.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class));
        ApplicationContextRunner withConveyor = app.withConfiguration(
                AutoConfigurations.of(DataSourceAutoConfiguration.class, ConveyorAutoConfiguration.class));
        List<Long> base = new ArrayList<>();
        List<Long> memory = new ArrayList<>();
        List<Long> postgres = new ArrayList<>();
        for (int run = -3; run < runs; run++) { // three warm-up rounds
            long a = time(alone);
            long m = time(withConveyor.withPropertyValues("conveyor.store=memory"));
            long p = time(withConveyor);
            if (run >= 0) {
                base.add(a);
                memory.add(m);
                postgres.add(p);
            }
        }
        System.out.printf("%d runs: DataSource alone %s; + Conveyor in memory %s; + Conveyor on PostgreSQL %s%n",
                runs, summary(base), summary(memory), summary(postgres));
        try (Connection connection = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        System.exit(0);
    }

    /** Starts the context, takes one connection from the application's pool (as a real start would), closes it. */
    private static long time(ApplicationContextRunner runner) {
        long[] elapsed = new long[1];
        long start = System.nanoTime();
        runner.run(context -> {
            if (context.getStartupFailure() != null) {
                throw new IllegalStateException(context.getStartupFailure());
            }
            try (Connection ignored = context.getBean(DataSource.class).getConnection()) {
                elapsed[0] = System.nanoTime() - start;
            }
        });
        return elapsed[0] / 1_000_000;
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return "median " + sorted.get(sorted.size() / 2) + " ms (" + sorted.getFirst() + "-" + sorted.getLast() + ")";
    }
}
