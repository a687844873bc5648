package dev.noesis.memory.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/** The driver's warnings and errors, with their stack traces, reach only the verbose log (INFO and below). */
class DriverLoggingTest {

    private record Entry(Level level, String message, Throwable cause) {}

    /** Records every call, every level enabled. */
    private static final class Recording extends LegacyAbstractLogger {
        final List<Entry> entries = new ArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String message, Object[] args, Throwable cause) {
            entries.add(new Entry(level, message, cause));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void warningsAndErrorsGoToTheVerboseLog() {
        Recording log = new Recording();
        org.neo4j.driver.Logger driver = new DriverLogging(name -> log).getLog("org.neo4j.driver.RetryLogic");
        RuntimeException cause = new RuntimeException("deadlock detected");

        driver.warn("Transaction failed and will be retried in %d ms", 800L);
        driver.warn("Transaction failed and will be retried", cause);
        driver.error("Connection lost", cause);
        driver.info("Routing table for %s: %s", "neo4j", "[]");
        driver.debug("100%% done");

        assertThat(log.entries)
                .extracting(Entry::level)
                .containsExactly(Level.INFO, Level.INFO, Level.INFO, Level.DEBUG, Level.DEBUG);
        assertThat(log.entries.get(0).message()).isEqualTo("Transaction failed and will be retried in 800 ms");
        assertThat(log.entries.get(1).cause()).isSameAs(cause);
        assertThat(log.entries.get(4).message()).isEqualTo("100%% done");
    }
}
