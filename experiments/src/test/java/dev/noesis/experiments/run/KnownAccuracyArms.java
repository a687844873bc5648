package dev.noesis.experiments.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.suite.SuiteItem;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Arms of known accuracy: pipeline P answers an item right with probability accuracy(P), decided by a
 * hash of (item, pipeline, seed) so that a rerun gives the same answers. Pipelines named in
 * {@code failing} throw. Counts the calls it served, and remembers the prompts.
 */
final class KnownAccuracyArms implements ArmFactory {

    final Map<String, Double> accuracy;
    final Set<String> failing;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();
    final Map<String, String> prompts = new ConcurrentHashMap<>();
    volatile long delayMs;
    /** Called with each call's number (from 1) as it starts. */
    volatile IntConsumer onCall = n -> {};

    KnownAccuracyArms(Map<String, Double> accuracy, Set<String> failing) {
        this.accuracy = accuracy;
        this.failing = failing;
    }

    @Override
    public ModelIdentity identify(String model) {
        return ModelIdentity.folder(model, "sha256:" + Integer.toHexString(model.hashCode()));
    }

    @Override
    public Arm open(ArmSpec spec, PreparedSetup setup) {
        opened.incrementAndGet();
        return (item, prompt, params) -> answer(spec, item, prompt, params);
    }

    private ArmAnswer answer(ArmSpec spec, SuiteItem item, String prompt, GenerationParams params)
            throws InterruptedException {
        onCall.accept(calls.incrementAndGet());
        prompts.put(item.id(), prompt);
        if (delayMs > 0) {
            Thread.sleep(delayMs);
        }
        if (failing.contains(spec.pipeline())) {
            throw new IllegalStateException("the model server refused item " + item.id());
        }
        boolean right = right(item.id(), spec.pipeline(), params.seed(), accuracy.getOrDefault(spec.pipeline(), 0.5));
        String output = right ? item.gold().get(0) : "no idea";
        return ArmAnswer.completed(
                output,
                new Usage(100, 10, 1, 50, 0, 0),
                JsonNodeFactory.instance.objectNode().put("steps", 1).put("item", item.id()));
    }

    static boolean right(String id, String pipeline, long seed, double accuracy) {
        // SplittableRandom mixes its seed well, so neighbouring hashes give unrelated draws.
        return new java.util.SplittableRandom((id + "|" + pipeline + "|" + seed).hashCode()).nextDouble() < accuracy;
    }
}
