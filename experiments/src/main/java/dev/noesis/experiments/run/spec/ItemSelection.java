package dev.noesis.experiments.run.spec;

import dev.noesis.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which items of a suite an experiment runs: all of them, the first {@code limit} in the suite's own
 * order, or a sample of {@code limit} drawn with a fixed seed (a partial Fisher–Yates shuffle, the
 * chosen items then put back into the suite's order so that logs and reports read in a stable order).
 * The same spec always selects the same items from the same suite.
 *
 * @param limit      the most items per suite, or null for all
 * @param sampleSeed the seed of a random sample, or null for the first {@code limit} items
 */
public record ItemSelection(Integer limit, Long sampleSeed) {

    public static final ItemSelection ALL = new ItemSelection(null, null);

    public ItemSelection {
        if (limit != null && limit < 1) {
            throw new InvalidInputException("An item limit is at least 1, not " + limit + ".");
        }
        if (sampleSeed != null && limit == null) {
            throw new InvalidInputException("A sample seed needs a limit: the sample's size.");
        }
    }

    /** The selected items of {@code items}, in their given order. */
    public <T> List<T> select(List<T> items) {
        if (limit == null || limit >= items.size()) {
            return List.copyOf(items);
        }
        if (sampleSeed == null) {
            return List.copyOf(items.subList(0, limit));
        }
        int n = items.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(sampleSeed);
        for (int i = 0; i < limit; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<Integer> chosen = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            chosen.add(order[i]);
        }
        chosen.sort(Comparator.naturalOrder());
        List<T> out = new ArrayList<>(limit);
        chosen.forEach(i -> out.add(items.get(i)));
        return List.copyOf(out);
    }
}
