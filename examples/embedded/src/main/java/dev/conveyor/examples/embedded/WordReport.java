package dev.conveyor.examples.embedded;

import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The application's pipeline: count the words of a text, then rank its words to find the longest. Each step reports its
 * units of work, so a poller sees where a job stands while it runs.
 */
final class WordReport {

    static final String NAME = "word-report";

    private WordReport() {
    }

    static PipelineDefinition pipeline(Duration perWord) {
        return PipelineDefinition.named(NAME)
                .step("count", 50, Estimate.perUnit(perWord, 1, "words"), ctx -> {
                    String[] words = words(ctx.input().getString("text", ""));
                    for (int done = 1; done <= words.length; done++) {
                        Thread.sleep(perWord); // the real work of a step: a call, a parse, a model
                        ctx.progress(done, words.length);
                    }
                    ctx.put("words", words.length);
                })
                .step("rank", 50, Estimate.perUnit(perWord, 1, "words"), ctx -> {
                    String[] words = words(ctx.input().getString("text", ""));
                    String longest = "";
                    for (int done = 1; done <= words.length; done++) {
                        Thread.sleep(perWord);
                        if (words[done - 1].length() > longest.length()) {
                            longest = words[done - 1];
                        }
                        ctx.progress(done, words.length);
                    }
                    ctx.put("longest", longest);
                })
                .build();
    }

    static String[] words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"))
                .filter(word -> !word.isEmpty())
                .toArray(String[]::new);
    }
}
