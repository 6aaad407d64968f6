package dev.conveyor.adapter.rest.json;

/** Marks the records a request body is read into, so that {@link JsonRequestReader} reads exactly those. */
public interface JsonRequest {
}
