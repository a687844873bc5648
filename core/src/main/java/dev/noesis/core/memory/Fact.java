package dev.noesis.core.memory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A statement to remember: subject, predicate, object, with how sure its writer is and where it
 * came from.
 *
 * @param confidence between 0 and 1
 * @param validFrom  when it became believed; empty means when it is written
 * @param exclusive  whether the predicate has one value at a time: then this fact replaces a current
 *                   fact with the same subject and predicate and another object (that one is closed
 *                   and linked, never deleted). False for predicates with many values ("child of").
 */
public record Fact(
        String subject,
        String predicate,
        String object,
        double confidence,
        Optional<Instant> validFrom,
        Provenance source,
        boolean exclusive) {

    /** The longest subject, predicate or object: a name or a short phrase, not a document. */
    public static final int MAX_PART = 1_000;

    public Fact {
        requireText(subject, "subject");
        requireText(predicate, "predicate");
        requireText(object, "object");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(source, "source");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
    }

    /** A fact held with full confidence, exclusive, valid from when it is written. */
    public static Fact of(String subject, String predicate, String object, Provenance source) {
        return new Fact(subject, predicate, object, 1.0, Optional.empty(), source, true);
    }

    public Fact withConfidence(double value) {
        return new Fact(subject, predicate, object, value, validFrom, source, exclusive);
    }

    public Fact withValidFrom(Instant value) {
        return new Fact(subject, predicate, object, confidence, Optional.of(value), source, exclusive);
    }

    /** The same fact with many values allowed for its predicate: it replaces nothing. */
    public Fact nonExclusive() {
        return new Fact(subject, predicate, object, confidence, validFrom, source, false);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("a fact's " + name + " must not be blank");
        }
        if (value.length() > MAX_PART) {
            throw new IllegalArgumentException(
                    "a fact's " + name + " is limited to " + MAX_PART + " characters, got " + value.length());
        }
    }
}
