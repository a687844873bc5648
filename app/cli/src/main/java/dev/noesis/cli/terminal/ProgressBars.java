package dev.noesis.cli.terminal;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on standard error for long work (downloads, writing large models, ingestion, imports, evaluations). */
public final class ProgressBars {

    private ProgressBars() {}

    /** A bar counting bytes in megabytes; its total may change as files begin. */
    public static Bar bytes(PrintStream out, String task) {
        return new Bar(out, task);
    }

    /** A bar counting items (files, documents, queries, concepts, facts); each new phase starts a new bar. */
    public static Counter count(PrintStream out) {
        return new Counter(out, "");
    }

    /** As {@link #count(PrintStream)}, with every phase's name prefixed by {@code task}. */
    public static Counter count(PrintStream out, String task) {
        return new Counter(out, task);
    }

    /** Counts items per phase; a total below 0 means unknown (the bar shows the count only). */
    public static final class Counter implements AutoCloseable {
        private final PrintStream out;
        private final String task;
        private ProgressBar bar;
        private String phase;

        private Counter(PrintStream out, String task) {
            this.out = out;
            this.task = task;
        }

        /** {@code done} of {@code total} items of phase {@code name} are finished. */
        public synchronized void update(String name, long done, long total) {
            if (bar == null || !name.equals(phase)) {
                close();
                phase = name;
                bar = new ProgressBarBuilder()
                        .setTaskName(task.isEmpty() ? name : task + " " + name)
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(out))
                        .setUpdateIntervalMillis(250)
                        .showSpeed()
                        .build();
            }
            if (total >= 0 && bar.getMax() != total) {
                bar.maxHint(total);
            }
            bar.stepTo(done);
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** A bar for one task, built lazily so that nothing is drawn for work that turns out to be instant. */
    public static final class Bar implements AutoCloseable {
        private final PrintStream out;
        private final String task;
        private ProgressBar bar;
        private String file;
        private long fileDone;

        private Bar(PrintStream out, String task) {
            this.out = out;
            this.task = task;
        }

        /** Progress of one file; a new file name starts a new bar. */
        public synchronized void update(String name, long done, long total) {
            if (bar == null || !name.equals(file)) {
                close();
                file = name;
                fileDone = 0;
                bar = new ProgressBarBuilder()
                        .setTaskName(task + " " + name)
                        .setInitialMax(Math.max(total, 0))
                        .setUnit(" MB", 1 << 20)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(out))
                        .setUpdateIntervalMillis(250)
                        .showSpeed()
                        .build();
            }
            if (total > 0 && bar.getMax() != total) {
                bar.maxHint(total);
            }
            bar.stepBy(done - fileDone);
            fileDone = done;
        }

        /** Adds to the current bar (for work reported in chunks from several threads). */
        public synchronized void add(String name, long total, long bytes) {
            update(name, fileDone + bytes, total);
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
