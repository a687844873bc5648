package dev.noesis.orchestrator;

import dev.noesis.core.module.ConditionValue;
import dev.noesis.core.module.ThinkingModuleFactory;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The names a pipeline's conditions may read: the state's own ({@code evidence.count},
 * {@code drafts.count}, {@code answer.present}, ...) and those the modules declare
 * ({@code critic.accepted}, {@code validator.passed}, a router's choice).
 */
public final class Conditions {

    /** What any state has, whichever modules made it. */
    public static final List<ConditionValue> STATE = List.of(
            ConditionValue.number(
                    "evidence.count",
                    "evidence items gathered",
                    s -> s.evidence().size()),
            ConditionValue.number(
                    "hints.count", "cues for the next prompt", s -> s.hints().size()),
            ConditionValue.number(
                    "drafts.count", "drafts written", s -> s.drafts().size()),
            ConditionValue.number(
                    "plan.count", "sub-goals of the plan", s -> s.plan().size()),
            ConditionValue.number(
                    "critiques.count", "critiques given", s -> s.critiques().size()),
            ConditionValue.flag("answer.present", "an answer has been chosen", s -> s.answer() != null));

    private static final List<String> STATE_OWNERS =
            List.of("evidence", "hints", "drafts", "plan", "critiques", "answer");

    private final Map<String, ConditionValue> values;

    private Conditions(Map<String, ConditionValue> values) {
        this.values = values;
    }

    /**
     * The state's values and those {@code factories} declare.
     *
     * @throws IllegalStateException when a module declares a value outside its own name, or one already taken
     */
    public static Conditions of(Collection<? extends ThinkingModuleFactory<?>> factories) {
        Map<String, ConditionValue> all = new TreeMap<>();
        STATE.forEach(v -> all.put(v.name(), v));
        for (ThinkingModuleFactory<?> f : factories) {
            for (ConditionValue v : f.conditionValues()) {
                if (!v.owner().equals(f.name()) || STATE_OWNERS.contains(f.name())) {
                    throw new IllegalStateException("the module " + f.name() + " declares the condition value "
                            + v.name() + "; a module's values are named " + f.name() + ".<value>");
                }
                if (all.putIfAbsent(v.name(), v) != null) {
                    throw new IllegalStateException(
                            "the condition value " + v.name() + " is declared twice (module " + f.name() + ")");
                }
            }
        }
        return new Conditions(all);
    }

    /** Every name, sorted. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    public Optional<ConditionValue> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Every value, sorted by name. */
    public List<ConditionValue> values() {
        return List.copyOf(values.values());
    }
}
