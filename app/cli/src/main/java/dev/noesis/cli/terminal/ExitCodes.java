package dev.noesis.cli.terminal;

/** The exit codes of every {@code noesis} command, as its --help lists them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Something failed while working (a model server, the disk, a bug). */
    public static final int FAILED = 1;
    /** Bad input: a flag, the question, a model's files; the message says what to change. */
    public static final int BAD_INPUT = 2;
    /** A run stopped early (budget spent, or cancelled); what it had is printed. */
    public static final int STOPPED_EARLY = 3;

    private ExitCodes() {}
}
