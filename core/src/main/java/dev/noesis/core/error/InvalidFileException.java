package dev.noesis.core.error;

import java.util.List;

/**
 * A file with problems: every one found, each as "file:line:column: what was expected", in the
 * order the reader gives them. The message holds them one per line, the first first.
 */
public class InvalidFileException extends InvalidInputException {

    /** The most problems a message lists; a file with more has its count said instead. */
    public static final int MAX_LISTED = 50;

    private final List<String> problems;

    protected InvalidFileException(List<String> problems) {
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
