package dev.noesis.experiments.report;

import dev.noesis.experiments.log.CanonicalJson;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.ModelIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the logged items of each arm. An arm names its model as the experiment gives it (a folder,
 * a hub id, a URL or a served name) while a record carries the model's full identity, so an item
 * belongs to an arm of its suite and pipeline when that name is the identity's location, served
 * name, weights hash or the location's last path segment; when the suite runs the pipeline on one
 * model only, every item of that suite and pipeline is the arm's. Where the arm records its params, an
 * item must have run with the same ones.
 */
final class ArmItems {

    private final Map<String, List<ItemRecord>> bySuiteAndPipeline = new HashMap<>();

    ArmItems(List<ItemRecord> items) {
        for (ItemRecord item : items) {
            bySuiteAndPipeline
                    .computeIfAbsent(key(item.suite(), item.pipeline()), k -> new ArrayList<>())
                    .add(item);
        }
    }

    /** The items of {@code arm}, in log order. */
    List<ItemRecord> of(ArmResult arm, List<ArmResult> armsOfSuite) {
        List<ItemRecord> candidates = bySuiteAndPipeline.getOrDefault(key(arm.suite(), arm.pipeline()), List.of());
        // Arms of one pipeline on different adapters must not share items either (both null without the axis).
        candidates = candidates.stream()
                .filter(item -> java.util.Objects.equals(item.adapter(), arm.adapter()))
                .toList();
        if (!arm.params().isEmpty()) {
            // Arms that differ only in their params (a temperature sweep) must not share items.
            String params = CanonicalJson.ofValue(arm.params());
            candidates = candidates.stream()
                    .filter(item -> CanonicalJson.ofValue(item.params()).equals(params))
                    .toList();
        }
        long samePipeline = armsOfSuite.stream()
                .filter(a ->
                        a.pipeline().equals(arm.pipeline()) && java.util.Objects.equals(a.adapter(), arm.adapter()))
                .count();
        if (samePipeline <= 1) {
            return candidates;
        }
        List<ItemRecord> mine = new ArrayList<>();
        for (ItemRecord item : candidates) {
            if (names(arm.model(), item.model())) {
                mine.add(item);
            }
        }
        return mine;
    }

    static boolean names(String model, ModelIdentity identity) {
        if (model == null) {
            return false;
        }
        String location = identity.location();
        String last = location.replaceAll("/+$", "");
        last = last.substring(last.lastIndexOf('/') + 1);
        return model.equals(location)
                || model.equals(identity.servedName())
                || model.equals(identity.weightsHash())
                || model.equals(last);
    }

    private static String key(String suite, String pipeline) {
        return suite + '\u0000' + pipeline;
    }
}
