package dev.noesis.jlama;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The thread a model computes on, which nothing interrupts. Jlama maps a file for each new page of KV
 * cache, and a thread interrupted before such a map gets {@code ClosedByInterruptException} from it,
 * as an {@code IOError} that escapes the call. Interrupts come at any moment (Ctrl-C, a run's
 * wall-time budget, a client that went away), so the caller's interrupt becomes a flag instead, which
 * the decoding loop reads between tokens.
 */
final class ComputeThread implements AutoCloseable {

    private final ExecutorService executor;

    ComputeThread(String name) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code work} on this thread and waits for it. {@code work} is given the cancellation flag:
     * set when the caller was interrupted before or while it runs. The caller then waits for
     * {@code work} to return (within a token) and keeps its interrupt status.
     */
    <T> T run(Function<BooleanSupplier, T> work) {
        AtomicBoolean cancelled = new AtomicBoolean(Thread.currentThread().isInterrupted());
        Future<T> result = executor.submit(() -> work.apply(cancelled::get));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancelled.set(true);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
