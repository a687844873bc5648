package dev.noesis.core.structured;

import dev.noesis.core.error.InvalidInputException;

/** A schema uses something the structured-output engine cannot enforce; thrown when the schema is given, never mid-generation. */
public class UnsupportedSchemaException extends InvalidInputException {

    public UnsupportedSchemaException(String message) {
        super(message);
    }
}
