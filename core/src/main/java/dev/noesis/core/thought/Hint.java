package dev.noesis.core.thought;

import java.util.Objects;

/**
 * A reasoning cue to be rendered into the next prompt.
 *
 * @param text   the cue itself
 * @param reason why it was chosen, recorded in the trace
 * @param module the module that produced it
 */
public record Hint(String text, String reason, String module) {

    public Hint {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(module, "module");
    }
}
