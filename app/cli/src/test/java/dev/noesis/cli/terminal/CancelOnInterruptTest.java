package dev.noesis.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;

/** Ctrl-C delivered to this JVM while work runs under {@link CancelOnInterrupt}. */
class CancelOnInterruptTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anInterruptSwallowedByTheWorkIsSentAgain() {
        String result = CancelOnInterrupt.run(() -> {
            // The signal is raised from inside the work, so that the handler is in place.
            Signal.raise(new Signal("INT"));
            try {
                Thread.sleep(10_000);
                return "the first interrupt never came";
            } catch (InterruptedException swallowed) {
                // as library code that catches the interrupt and carries on waiting
            }
            long start = System.nanoTime();
            try {
                Thread.sleep(20_000);
                return "no second interrupt";
            } catch (InterruptedException again) {
                return "interrupted again after " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s";
            }
        });

        assertThat(result).startsWith("interrupted again after");
        assertThat(Thread.interrupted()).as("no interrupt outlives the work").isFalse();
    }
}
