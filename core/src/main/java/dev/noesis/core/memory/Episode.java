package dev.noesis.core.memory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One run worth remembering: its question and answer, and the facts drawn from it (which memory
 * links to the episode as their source).
 */
public record Episode(String runId, String question, String answer, Instant at, List<Fact> facts) {

    public Episode {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(at, "at");
        facts = List.copyOf(facts);
    }
}
