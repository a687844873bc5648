package dev.noesis.orchestrator.pipeline;

import dev.noesis.core.error.InvalidInputException;
import java.util.List;

/**
 * A pipeline file with problems: every one found, each with its file, line and column, in the
 * order they appear in the file. The message holds them one per line, the first first.
 */
public final class InvalidPipelineException extends InvalidInputException {

    /** The most problems a message lists; a file with more has its count said instead. */
    static final int MAX_LISTED = 50;

    private final List<String> problems;

    InvalidPipelineException(List<String> problems) {
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
