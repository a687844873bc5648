package dev.noesis.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets one run at a time use the model (an in-process model computes one call at a time; runs
 * that overlapped would only slow each other and fill memory with KV caches), with a bounded,
 * fair queue behind it. A request that finds the queue full is refused at once with 429, so a
 * burst never piles up unbounded waiting work.
 */
public final class RunGate {

    private final Semaphore model = new Semaphore(1, true);
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();

    /** @param queue runs that may wait while one runs */
    public RunGate(int queue) {
        this.capacity = queue + 1;
    }

    /**
     * Takes a place in the queue, or refuses with 429 when there is none. The caller closes the
     * ticket when its run is over, whether or not it got to run.
     */
    public Ticket admit() {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            throw ApiException.queueFull(
                    "The model is busy and " + (capacity - 1) + " requests are already waiting for it; try again"
                            + " shortly.",
                    1);
        }
        return new Ticket();
    }

    /** Requests running or waiting now. */
    public int load() {
        return admitted.get();
    }

    /** A place in the queue. */
    public final class Ticket implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        private Ticket() {}

        /** Waits until the model is free for this run. */
        public void awaitTurn() throws InterruptedException {
            model.acquire();
            running.set(true);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                if (running.getAndSet(false)) {
                    model.release();
                }
                admitted.decrementAndGet();
            }
        }
    }
}
