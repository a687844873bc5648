package dev.noesis.memory.graph;

import java.util.Arrays;
import java.util.IllegalFormatException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Neo4j driver's logs, one level down: its warnings and errors (a transaction it will retry, a
 * connection it dropped, each with a stack trace of hundreds of frames) come to Noesis as
 * exceptions when they matter, with a message that says what to do, so the driver's own account of
 * them is detail, for the verbose log (INFO), never for a user's terminal by default.
 */
@SuppressWarnings(
        "deprecation") // the driver's Logging interface is deprecated for System.Logger, which would bypass SLF4J's
// levels
final class DriverLogging implements org.neo4j.driver.Logging {

    private final transient Function<String, Logger> loggers;

    DriverLogging() {
        this(LoggerFactory::getLogger);
    }

    DriverLogging(Function<String, Logger> loggers) {
        this.loggers = loggers;
    }

    @Override
    public org.neo4j.driver.Logger getLog(String name) {
        Logger log = loggers.apply(name);
        return new org.neo4j.driver.Logger() {
            @Override
            public void error(String message, Throwable cause) {
                log.info(message, cause);
            }

            @Override
            public void warn(String message, Throwable cause) {
                log.info(message, cause);
            }

            @Override
            public void warn(String format, Object... params) {
                if (log.isInfoEnabled()) {
                    log.info(text(format, params));
                }
            }

            @Override
            public void info(String format, Object... params) {
                if (log.isDebugEnabled()) {
                    log.debug(text(format, params));
                }
            }

            @Override
            public void debug(String format, Object... params) {
                if (log.isDebugEnabled()) {
                    log.debug(text(format, params));
                }
            }

            @Override
            public void debug(String message, Throwable cause) {
                log.debug(message, cause);
            }

            @Override
            public void trace(String format, Object... params) {
                if (log.isTraceEnabled()) {
                    log.trace(text(format, params));
                }
            }

            @Override
            public boolean isTraceEnabled() {
                return log.isTraceEnabled();
            }

            @Override
            public boolean isDebugEnabled() {
                return log.isDebugEnabled();
            }
        };
    }

    /** The driver's messages are String.format patterns. */
    private static String text(String format, Object... params) {
        if (params == null || params.length == 0) {
            return format;
        }
        try {
            return String.format(format, params);
        } catch (IllegalFormatException e) {
            return format + " " + Arrays.toString(params);
        }
    }
}
