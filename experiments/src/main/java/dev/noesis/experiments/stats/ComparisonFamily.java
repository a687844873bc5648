package dev.noesis.experiments.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * All the comparisons of one experiment (every arm against its baseline, across suites, models and
 * params): the family whose chance of any false "better" or "worse" the {@link HolmBonferroni}
 * correction holds at α. Running more pipelines therefore makes each verdict harder to earn, as it
 * should: with twenty arms on a random model, one would otherwise come out "better" by chance.
 */
public final class ComparisonFamily {

    /** The family-wise error rate every experiment is judged at. */
    public static final double ALPHA = 0.05;

    private ComparisonFamily() {}

    /** Adjusts the p-values across {@code comparisons} and gives each its verdict at {@link #ALPHA}. */
    public static List<JudgedComparison> judge(List<PairedComparison> comparisons) {
        return judge(comparisons, ALPHA);
    }

    /** Adjusts the p-values across {@code comparisons} and gives each its verdict at {@code alpha}. */
    public static List<JudgedComparison> judge(List<PairedComparison> comparisons, double alpha) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha lies strictly between 0 and 1, not " + alpha);
        }
        double[] p = comparisons.stream().mapToDouble(PairedComparison::pValue).toArray();
        double[] adjusted = HolmBonferroni.adjust(p);
        List<JudgedComparison> judged = new ArrayList<>(comparisons.size());
        for (int i = 0; i < p.length; i++) {
            PairedComparison c = comparisons.get(i);
            judged.add(new JudgedComparison(c, adjusted[i], Verdict.decide(adjusted[i], c.interval(), alpha)));
        }
        return List.copyOf(judged);
    }
}
