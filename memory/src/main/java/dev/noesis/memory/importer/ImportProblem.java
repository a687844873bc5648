package dev.noesis.memory.importer;

/** An input line (or entry) that could not be imported, and why; the rest of the input is imported. */
public record ImportProblem(long line, String message) {

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
