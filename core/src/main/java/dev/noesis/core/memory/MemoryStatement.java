package dev.noesis.core.memory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of what a recall found, for a prompt: a triple with its source and validity.
 *
 * @param score how relevant the statement is to the cue (from its nodes' activation)
 */
public record MemoryStatement(
        String subject,
        String predicate,
        String object,
        String source,
        double score,
        Optional<Instant> validFrom,
        Optional<Instant> validTo) {

    public MemoryStatement {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validTo, "validTo");
    }

    /** {@code subject | predicate | object  [source; until ...]}: compact, and unambiguous when names hold spaces. */
    public String render() {
        StringBuilder b = new StringBuilder()
                .append(subject)
                .append(" | ")
                .append(predicate)
                .append(" | ")
                .append(object);
        StringBuilder notes = new StringBuilder();
        if (!source.isEmpty()) {
            notes.append(source);
        }
        validTo.ifPresent(
                t -> notes.append(notes.isEmpty() ? "" : "; ").append("until ").append(t));
        if (!notes.isEmpty()) {
            b.append("  [").append(notes).append(']');
        }
        return b.toString();
    }
}
