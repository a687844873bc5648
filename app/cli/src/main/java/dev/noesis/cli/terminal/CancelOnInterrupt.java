package dev.noesis.cli.terminal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs work so that Ctrl-C cancels it instead of killing it. The first Ctrl-C interrupts the
 * working thread (runs stop at the next token and return what they have), so the command ends
 * normally, prints what it has, closes its model (which deletes the model's work files) and exits
 * with its own code (3 for a cancelled run), not the shell's 130; a second Ctrl-C quits at once.
 * Library code between the model call and the thread's wait can swallow an interrupt, so until
 * the work returns the interrupt is sent again every few seconds.
 * Termination by other signals (SIGTERM) goes through a shutdown hook that does the same
 * interrupt and waits briefly for the work to finish.
 */
public final class CancelOnInterrupt {

    private static final long GRACE_MS = 5_000;

    private static final long RETRY_MS = 5_000;

    private static final Signal INT = new Signal("INT");

    private CancelOnInterrupt() {}

    /**
     * Handles Ctrl-C by interrupting {@code worker} (again every {@link #RETRY_MS} until
     * {@code finished}); returns the handler it replaced, or null where the JVM keeps the signal.
     */
    private static SignalHandler onInterrupt(Thread worker, AtomicBoolean finished, PrintStream err) {
        AtomicBoolean cancelled = new AtomicBoolean();
        try {
            return Signal.handle(INT, signal -> {
                if (cancelled.getAndSet(true)) {
                    Runtime.getRuntime().exit(130);
                    return;
                }
                err.println("noesis: stopping the run (Ctrl-C again quits at once)");
                worker.interrupt();
                Thread.ofPlatform().daemon().name("noesis-cancel-retry").start(() -> {
                    try {
                        while (!finished.get()) {
                            Thread.sleep(RETRY_MS);
                            if (!finished.get()) {
                                worker.interrupt();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            });
        } catch (IllegalArgumentException reservedByTheJvm) {
            return null; // e.g. under -Xrs: the shutdown hook still cancels
        }
    }

    public static <T> T run(Supplier<T> work) {
        Thread worker = Thread.currentThread();
        Object done = new Object();
        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(
                () -> {
                    worker.interrupt();
                    synchronized (done) {
                        long until = System.currentTimeMillis() + GRACE_MS;
                        while (!finished.get() && System.currentTimeMillis() < until) {
                            try {
                                done.wait(100);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                },
                "noesis-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        SignalHandler previous = onInterrupt(worker, finished, System.err);
        try {
            return work.get();
        } finally {
            finished.set(true); // first, so that no retried interrupt outlives the work
            if (previous != null) {
                Signal.handle(INT, previous);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook is waiting for the lines below.
            }
            synchronized (done) {
                done.notifyAll();
            }
        }
    }
}
