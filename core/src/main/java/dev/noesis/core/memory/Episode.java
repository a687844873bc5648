package dev.noesis.core.memory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One run worth remembering: its question and answer, and the facts drawn from it (which memory
 * links to the episode as their source).
 */
public record Episode(String runId, String question, String answer, Instant at, List<Fact> facts) {

    /** The longest question or answer kept: both are stored and indexed for fulltext search. */
    public static final int MAX_TEXT = 100_000;

    public Episode {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(at, "at");
        if (question.length() > MAX_TEXT || answer.length() > MAX_TEXT) {
            throw new IllegalArgumentException("an episode's question and answer are limited to " + MAX_TEXT
                    + " characters each, got " + question.length() + " and " + answer.length());
        }
        facts = List.copyOf(facts);
    }
}
