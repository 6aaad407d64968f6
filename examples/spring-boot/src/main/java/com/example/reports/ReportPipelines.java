package com.example.reports;

import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The report pipeline, a bean the starter registers: read the pages, then write the summary. */
@Configuration(proxyBeanMethods = false)
class ReportPipelines {

    static final String NAME = "report";

    @Bean
    PipelineDefinition report() {
        return PipelineDefinition.named(NAME)
                .step("read", 70, Estimate.perUnit(Duration.ofMillis(40), 1, "pages"), ctx -> {
                    long pages = ctx.input().getLong("pages", 1);
                    long words = 0;
                    for (long page = 1; page <= pages; page++) {
                        Thread.sleep(40); // reading a page
                        words += 250;
                        ctx.progress(page, pages);
                    }
                    ctx.put("words", words);
                })
                .step("summarise", 30, Estimate.fixed(Duration.ofMillis(200)), ctx -> {
                    Thread.sleep(200);
                    long words = ctx.output("read").getLong("words", 0);
                    ctx.put("summary", ctx.input().getString("title", "untitled") + ": " + words + " words");
                })
                .build();
    }
}
