package dev.conveyor.adapter.rest.dto;

import dev.conveyor.model.UserError;

/** A user-facing error of a job or a step: stable code, message to act on. */
public record ErrorDto(String code, String message) {

    static ErrorDto of(UserError error) {
        return new ErrorDto(error.code(), error.message());
    }
}
