package dev.noesis.server;

import dev.noesis.wiring.Notices;
import dev.noesis.wiring.Progress;
import org.jboss.logging.Logger;

/** The wiring's notices as log lines: a server has no terminal to draw progress on. */
final class LoggedNotices implements Notices {

    private static final Logger LOG = Logger.getLogger("dev.noesis.server");

    @Override
    public void notice(String line) {
        LOG.info(line);
    }

    @Override
    public Progress progress(String task, Progress.Unit unit) {
        LOG.infof("%s started", task);
        return Progress.NONE;
    }
}
