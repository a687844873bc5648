package dev.noesis.experiments.run.spec;

import dev.noesis.core.error.InvalidInputException;
import java.util.List;

/**
 * An experiment file with problems: every one found, each as "file:line:column: what was expected",
 * in the order they appear. The message holds them one per line.
 */
public final class InvalidExperimentException extends InvalidInputException {

    static final int MAX_LISTED = 50;

    private final List<String> problems;

    InvalidExperimentException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, as "file:line:column: what was expected". */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() <= MAX_LISTED) {
            return String.join("\n", problems);
        }
        return String.join("\n", problems.subList(0, MAX_LISTED)) + "\n(and " + (problems.size() - MAX_LISTED)
                + " more problems)";
    }
}
