package dev.noesis.experiments.run.spec;

import dev.noesis.core.error.InvalidFileException;
import java.util.List;

/**
 * An experiment file with problems: every one found, each as "file:line:column: what was expected",
 * in the order they appear. The message holds them one per line.
 */
public final class InvalidExperimentException extends InvalidFileException {

    InvalidExperimentException(List<String> problems) {
        super(problems);
    }
}
