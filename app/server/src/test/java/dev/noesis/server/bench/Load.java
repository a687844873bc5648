package dev.noesis.server.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a number of requests from a number of concurrent clients, each taking the next until all are done. */
final class Load {

    /** One request; {@code i} is its number; returns what it measured, in milliseconds. */
    interface Request {
        double send(int i) throws Exception;
    }

    /** What the requests measured, in the order they finished, and the wall time of all of them. */
    record Result(double[] ms, double elapsedMs) {}

    private Load() {}

    static Result run(int clients, int total, Request request) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        double[] ms = new double[total];
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < total; ) {
                        ms[i] = request.send(i);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(
                            "A request failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        return new Result(ms, (System.nanoTime() - start) / 1e6);
    }
}
