package dev.noesis.experiments.run;

import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.SuiteItem;

/**
 * The text a pipeline is given for an item, the same for every arm: the suite's
 * {@link Suite#instructions() instructions} (answer format), a blank line, then the item's question.
 * With no instructions, the question alone. Nothing else: no few-shot examples, no system text, no
 * trailing white space; the instructions are stripped of surrounding white space, the question is
 * given as the suite has it. The instructions are part of the run's config, so changing them is a new
 * experiment (and misses the model-call cache, as the prompt differs).
 */
public final class PromptFormat {

    static final String SEPARATOR = "\n\n";

    private PromptFormat() {}

    /** The prompt of {@code item} in {@code suite}. */
    public static String of(Suite suite, SuiteItem item) {
        return of(suite.instructions(), item.question());
    }

    /** The prompt of {@code question} under {@code instructions} (empty or null for none). */
    public static String of(String instructions, String question) {
        String i = instructions == null ? "" : instructions.strip();
        return i.isEmpty() ? question : i + SEPARATOR + question;
    }
}
