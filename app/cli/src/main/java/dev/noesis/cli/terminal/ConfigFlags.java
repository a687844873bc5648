package dev.noesis.cli.terminal;

import java.util.Map;

/**
 * Flags that set configuration keys ({@code --model} sets {@code noesis.model}): they become the
 * strongest configuration source, so every part of Noesis reads a flag the way it reads the key.
 */
@FunctionalInterface
public interface ConfigFlags {

    /** Puts the key of every flag that was given, with its value. */
    void addTo(Map<String, String> keys);
}
