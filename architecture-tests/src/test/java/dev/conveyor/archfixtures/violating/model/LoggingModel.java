package dev.conveyor.archfixtures.violating.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Breaks rule 1: a port class with a library (slf4j) in it. */
public final class LoggingModel {

    static final Logger LOG = LoggerFactory.getLogger(LoggingModel.class);
}
