package dev.noesis.orchestrator.pipeline;

import dev.noesis.core.error.InvalidFileException;
import java.util.List;

/**
 * A pipeline file with problems: every one found, each with its file, line and column, in the
 * order they appear in the file. The message holds them one per line, the first first.
 */
public final class InvalidPipelineException extends InvalidFileException {

    InvalidPipelineException(List<String> problems) {
        super(problems);
    }
}
