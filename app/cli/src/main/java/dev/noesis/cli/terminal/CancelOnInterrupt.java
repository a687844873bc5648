package dev.noesis.cli.terminal;

import java.util.function.Supplier;

/**
 * Runs work so that Ctrl-C cancels it instead of killing it: the JVM's shutdown hook interrupts
 * the working thread (runs stop at the next token and return what they have) and waits briefly
 * for the work to finish: printing what it has and closing its model, which deletes the model's
 * work files.
 */
public final class CancelOnInterrupt {

    private static final long GRACE_MS = 5_000;

    private CancelOnInterrupt() {}

    public static <T> T run(Supplier<T> work) {
        Thread worker = Thread.currentThread();
        Object done = new Object();
        boolean[] finished = {false};
        Thread hook = new Thread(() -> {
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
        }, "noesis-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.get();
        } finally {
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
