package dev.noesis.modules;

import dev.noesis.core.model.Message;
import dev.noesis.core.thought.Evidence;
import dev.noesis.core.thought.Hint;
import dev.noesis.core.thought.ThoughtState;
import java.util.ArrayList;
import java.util.List;

/**
 * What the shared prompt layout shows of a state: the part {@link PromptFitter} may cut down.
 * Evidence keeps the number it has in the state, so that "[3]" means the same item in every
 * prompt and in the reasoning injector's cues, whatever was left out.
 */
record PromptContent(
        String question, List<Message> history, List<String> plan, List<Shown> evidence, List<Hint> hints) {

    /** An evidence item as shown: its number in the state (from 1), and its text, cut or not. */
    record Shown(int number, Evidence item, String text) {}

    PromptContent {
        history = List.copyOf(history);
        plan = List.copyOf(plan);
        evidence = List.copyOf(evidence);
        hints = List.copyOf(hints);
    }

    /** All of the state. */
    static PromptContent of(ThoughtState state) {
        List<Shown> evidence = new ArrayList<>();
        for (int i = 0; i < state.evidence().size(); i++) {
            Evidence e = state.evidence().get(i);
            evidence.add(new Shown(i + 1, e, e.text()));
        }
        return new PromptContent(state.question(), state.history(), state.plan(), evidence, state.hints());
    }

    boolean hasContext() {
        return !plan.isEmpty() || !evidence.isEmpty() || !hints.isEmpty();
    }

    PromptContent withEvidence(List<Shown> shown) {
        return new PromptContent(question, history, plan, shown, hints);
    }

    PromptContent withHints(List<Hint> shown) {
        return new PromptContent(question, history, plan, evidence, shown);
    }

    PromptContent withHistory(List<Message> shown) {
        return new PromptContent(question, shown, plan, evidence, hints);
    }
}
