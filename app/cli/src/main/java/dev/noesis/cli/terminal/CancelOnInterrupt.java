package dev.noesis.cli.terminal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs work so that Ctrl-C cancels it instead of killing it. The first Ctrl-C interrupts the
 * working thread (runs stop at the next token and return what they have), so the command ends
 * normally, prints what it has, closes its model (which deletes the model's work files) and exits
 * with its own code (3 for a cancelled run), not the shell's 130; a second Ctrl-C quits at once.
 * Termination by other signals (SIGTERM) goes through a shutdown hook that does the same
 * interrupt and waits briefly for the work to finish. A process started with Ctrl-C ignored (in
 * the background of a script, under {@code nohup}) keeps ignoring it: the JVM installs no handler
 * for a signal ignored at start.
 */
public final class CancelOnInterrupt {

    private static final long GRACE_MS = 5_000;

    private static final Signal INT = new Signal("INT");

    private CancelOnInterrupt() {}

    /** Handles Ctrl-C by interrupting {@code worker}; returns the handler it replaced, or null where the JVM keeps the signal. */
    private static SignalHandler onInterrupt(Thread worker) {
        AtomicBoolean cancelled = new AtomicBoolean();
        try {
            return Signal.handle(INT, signal -> {
                if (cancelled.getAndSet(true)) {
                    Runtime.getRuntime().exit(130);
                } else {
                    System.err.println("noesis: stopping the run (Ctrl-C again quits at once)");
                    worker.interrupt();
                }
            });
        } catch (IllegalArgumentException reservedByTheJvm) {
            return null; // e.g. under -Xrs: the shutdown hook still cancels
        }
    }

    /**
     * Whether Ctrl-C can reach this process: false where it was started with SIGINT ignored, or
     * where the JVM keeps the signal for itself ({@code -Xrs}).
     */
    public static boolean ctrlCReachesThisProcess() {
        try {
            SignalHandler probe = signal -> {};
            SignalHandler previous = Signal.handle(INT, probe);
            Signal.handle(INT, previous);
            return previous != SignalHandler.SIG_IGN;
        } catch (IllegalArgumentException reservedByTheJvm) {
            return false;
        }
    }

    public static <T> T run(Supplier<T> work) {
        Thread worker = Thread.currentThread();
        Object done = new Object();
        boolean[] finished = {false};
        Thread hook = new Thread(
                () -> {
                    worker.interrupt();
                    synchronized (done) {
                        long until = System.currentTimeMillis() + GRACE_MS;
                        while (!finished[0] && System.currentTimeMillis() < until) {
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
        SignalHandler previous = onInterrupt(worker);
        try {
            return work.get();
        } finally {
            if (previous != null) {
                Signal.handle(INT, previous);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook is waiting for the lines below.
            }
            synchronized (done) {
                finished[0] = true;
                done.notifyAll();
            }
        }
    }
}
