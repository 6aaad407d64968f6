package dev.conveyor.archfixtures.violating.adapter.rest;

import org.springframework.context.annotation.Bean;

/** Breaks the Spring rule: Spring lives in the starter alone. */
public final class RestUsesSpring {

    @Bean
    RestUsesSpring self() {
        return this;
    }
}
