package dev.noesis.core.thought;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The blackboard that thinking modules pass along. Immutable: a module returns a new state,
 * so every step's input and output can be kept in the trace and compared.
 *
 * @param question   what the run is asked
 * @param history    earlier turns of the conversation, oldest first
 * @param plan       ordered sub-goals from a planner
 * @param evidence   passages and memory facts, with provenance
 * @param hints      reasoning cues for the next prompt
 * @param drafts     candidate answers
 * @param critiques  what critics found in the drafts
 * @param answer     the chosen answer, or null while there is none
 * @param adapter    the LoRA adapter chosen for this request, or null
 * @param attributes typed extension data for third-party modules
 */
public record ThoughtState(
        String question,
        List<Message> history,
        List<String> plan,
        List<Evidence> evidence,
        List<Hint> hints,
        List<Draft> drafts,
        List<Critique> critiques,
        String answer,
        String adapter,
        Attributes attributes) {

    public ThoughtState {
        Objects.requireNonNull(question, "question");
        if (question.isBlank()) {
            throw new InvalidInputException("The question is empty: give the text to ask.");
        }
        history = List.copyOf(history);
        plan = List.copyOf(plan);
        evidence = List.copyOf(evidence);
        hints = List.copyOf(hints);
        drafts = List.copyOf(drafts);
        critiques = List.copyOf(critiques);
        attributes = attributes == null ? Attributes.EMPTY : attributes;
    }

    public static ThoughtState of(String question) {
        return new ThoughtState(
                question,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                Attributes.EMPTY);
    }

    /** Whether there is a plan, evidence or cues for a prompt to include. */
    public boolean hasContext() {
        return !plan.isEmpty() || !evidence.isEmpty() || !hints.isEmpty();
    }

    /** The latest critique of draft {@code draft}, if any. */
    public Optional<Critique> latestCritiqueOf(int draft) {
        for (int i = critiques.size() - 1; i >= 0; i--) {
            if (critiques.get(i).draft() == draft) {
                return Optional.of(critiques.get(i));
            }
        }
        return Optional.empty();
    }

    /** Replaces draft {@code index} (to attach scores or validations to it). */
    public ThoughtState replaceDraft(int index, Draft draft) {
        List<Draft> copy = new ArrayList<>(drafts);
        copy.set(index, draft);
        return withDrafts(copy);
    }

    public Optional<String> chosenAnswer() {
        return Optional.ofNullable(answer);
    }

    public ThoughtState withHistory(List<Message> newHistory) {
        return new ThoughtState(
                question, newHistory, plan, evidence, hints, drafts, critiques, answer, adapter, attributes);
    }

    public ThoughtState withPlan(List<String> newPlan) {
        return new ThoughtState(
                question, history, newPlan, evidence, hints, drafts, critiques, answer, adapter, attributes);
    }

    public ThoughtState withEvidence(List<Evidence> newEvidence) {
        return new ThoughtState(
                question, history, plan, newEvidence, hints, drafts, critiques, answer, adapter, attributes);
    }

    public ThoughtState withHints(List<Hint> newHints) {
        return new ThoughtState(
                question, history, plan, evidence, newHints, drafts, critiques, answer, adapter, attributes);
    }

    public ThoughtState withDrafts(List<Draft> newDrafts) {
        return new ThoughtState(
                question, history, plan, evidence, hints, newDrafts, critiques, answer, adapter, attributes);
    }

    public ThoughtState withCritiques(List<Critique> newCritiques) {
        return new ThoughtState(
                question, history, plan, evidence, hints, drafts, newCritiques, answer, adapter, attributes);
    }

    public ThoughtState withAnswer(String newAnswer) {
        return new ThoughtState(
                question, history, plan, evidence, hints, drafts, critiques, newAnswer, adapter, attributes);
    }

    public ThoughtState withAdapter(String newAdapter) {
        return new ThoughtState(
                question, history, plan, evidence, hints, drafts, critiques, answer, newAdapter, attributes);
    }

    public <T> ThoughtState with(AttributeKey<T> key, T value) {
        return new ThoughtState(
                question,
                history,
                plan,
                evidence,
                hints,
                drafts,
                critiques,
                answer,
                adapter,
                attributes.with(key, value));
    }

    public ThoughtState addDraft(Draft draft) {
        return withDrafts(append(drafts, draft));
    }

    public ThoughtState addEvidence(Evidence item) {
        return withEvidence(append(evidence, item));
    }

    public ThoughtState addHint(Hint hint) {
        return withHints(append(hints, hint));
    }

    public ThoughtState addCritique(Critique critique) {
        return withCritiques(append(critiques, critique));
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(Objects.requireNonNull(item));
        return copy;
    }
}
