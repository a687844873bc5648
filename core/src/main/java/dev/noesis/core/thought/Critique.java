package dev.noesis.core.thought;

import java.util.List;
import java.util.Objects;

/**
 * What a critic found in one draft.
 *
 * @param draft   index of the draft in {@link ThoughtState#drafts()}
 * @param verdict accept it, or revise it
 * @param issues  concrete problems found, each a sentence
 * @param module  the module that wrote the critique
 */
public record Critique(int draft, Verdict verdict, List<String> issues, String module) {

    public Critique {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(module, "module");
        issues = List.copyOf(issues == null ? List.of() : issues);
    }
}
