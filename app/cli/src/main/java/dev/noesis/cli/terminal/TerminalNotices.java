package dev.noesis.cli.terminal;

import dev.noesis.wiring.Notices;
import dev.noesis.wiring.Progress;
import java.io.PrintStream;

/** The wiring's notices as lines on standard error, and its progress as progress bars there. */
final class TerminalNotices implements Notices {

    private final PrintStream err;

    TerminalNotices(PrintStream err) {
        this.err = err;
    }

    @Override
    public void notice(String line) {
        err.println(line);
    }

    @Override
    public Progress progress(String task, Progress.Unit unit) {
        if (unit == Progress.Unit.BYTES) {
            ProgressBars.Bar bar = ProgressBars.bytes(err, task);
            return new Progress() {
                @Override
                public void update(String phase, long done, long total) {
                    bar.update(phase, done, total);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        }
        ProgressBars.Counter counter = ProgressBars.count(err, task);
        return new Progress() {
            @Override
            public void update(String phase, long done, long total) {
                counter.update(phase, done, total);
            }

            @Override
            public void close() {
                counter.close();
            }
        };
    }
}
