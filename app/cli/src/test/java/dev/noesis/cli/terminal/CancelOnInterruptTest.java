package dev.noesis.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;

/** Ctrl-C delivered to this JVM while work runs under {@link CancelOnInterrupt}. */
class CancelOnInterruptTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void ctrlCInterruptsTheWorkWhichReturnsNormally() {
        assumeTrue(
                CancelOnInterrupt.ctrlCReachesThisProcess(),
                "this JVM was started with SIGINT ignored (a background job of a script, nohup)");

        String result = CancelOnInterrupt.run(() -> {
            // Raised from inside the work, so that the handler is in place.
            Signal.raise(new Signal("INT"));
            try {
                Thread.sleep(20_000);
                return "not interrupted";
            } catch (InterruptedException e) {
                return "interrupted";
            }
        });

        assertThat(result).isEqualTo("interrupted");
        assertThat(CancelOnInterrupt.ctrlCReachesThisProcess())
                .as("the handler before the run is back")
                .isTrue();
    }
}
