package dev.noesis.orchestrator.builtin;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.ThoughtState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drafts an answer: asks the model the question, after the conversation so far, with an
 * optional system text. With no system text this is the raw model, the baseline every other
 * pipeline is measured against.
 */
public final class Generator implements ThinkingModule {

    public static final String NAME = "generator";

    private final String system;

    public Generator(String system) {
        this.system = system == null ? "" : system;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> config() {
        return system.isEmpty() ? Map.of() : Map.of("system", system);
    }

    @Override
    public ThoughtState apply(ThoughtState state, StepContext context) {
        List<Message> messages = new ArrayList<>(state.history());
        messages.add(Message.user(state.question()));
        Completion c = context.model().generate(new Prompt(system, messages, null), context.params(), context.answerStream());
        return state.addDraft(Draft.of(c.text(), NAME));
    }
}
