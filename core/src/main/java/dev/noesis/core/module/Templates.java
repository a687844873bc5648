package dev.noesis.core.module;

import java.util.Map;

/**
 * Prompt templates by module and name. Each module ships its own as resources; a user overrides
 * any of them by putting a file of the same name in a folder of their own, without touching code.
 */
public interface Templates {

    /**
     * Renders the template {@code name} of {@code module} with {@code values}.
     *
     * @throws dev.noesis.core.error.InvalidInputException when no such template exists or it does not render
     */
    String render(String module, String name, Map<String, Object> values);
}
