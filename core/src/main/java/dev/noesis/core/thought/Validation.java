package dev.noesis.core.thought;

import java.util.Objects;

/** The result of one structural check of a draft (JSON schema, table, code, arithmetic). */
public record Validation(String validator, boolean passed, String detail) {

    public Validation {
        Objects.requireNonNull(validator, "validator");
        detail = detail == null ? "" : detail;
    }
}
