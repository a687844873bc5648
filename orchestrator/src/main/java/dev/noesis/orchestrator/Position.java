package dev.noesis.orchestrator;

/** Where something is in a pipeline file, for messages: file, line and column, both from 1. */
public record Position(String file, int line, int column) {

    public static final Position NONE = new Position("(code)", 0, 0);

    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }
}
