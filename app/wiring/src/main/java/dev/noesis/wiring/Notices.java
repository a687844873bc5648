package dev.noesis.wiring;

/**
 * What the wiring tells the person running Noesis while it works: one-line notices (the demo model
 * is being written, the local memory server is starting) and the progress of long work (a
 * download, an import). The command line draws them on standard error; the REST server logs them;
 * a test can collect them. Nothing in the wiring prints.
 */
public interface Notices {

    /** Says nothing and shows no progress. */
    Notices SILENT = new Notices() {
        @Override
        public void notice(String line) {}

        @Override
        public Progress progress(String task, Progress.Unit unit) {
            return Progress.NONE;
        }
    };

    /** A line for the person: what is happening and, where it matters, what it costs or how to change it. */
    void notice(String line);

    /** Starts reporting the progress of a task; the caller closes it when the task ends. */
    Progress progress(String task, Progress.Unit unit);
}
