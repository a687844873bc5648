package dev.noesis.experiments.suite.scored;

import dev.noesis.experiments.log.Extraction;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import dev.noesis.experiments.suite.extract.Extractor;
import dev.noesis.experiments.suite.metric.Scorer;
import java.util.List;
import java.util.Map;

/**
 * A suite judged by an {@link Extractor} and a {@link Scorer}, whose items are read from its data
 * once, on first use, and kept: listing suites does not read every data set.
 */
public abstract class ScoredSuite implements Suite {

    private final String name;
    private final String description;
    private final String instructions;
    private final Extractor extractor;
    private final Scorer scorer;
    private volatile List<SuiteItem> items;

    protected ScoredSuite(String name, String description, String instructions, Extractor extractor, Scorer scorer) {
        this.name = name;
        this.description = description;
        this.instructions = instructions == null ? "" : instructions;
        this.extractor = extractor;
        this.scorer = scorer;
    }

    /** Reads the items from the data, in the data's order. Called once. */
    protected abstract List<SuiteItem> readItems();

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<String> metrics() {
        return scorer.metrics();
    }

    @Override
    public final List<SuiteItem> items() {
        List<SuiteItem> read = items;
        if (read == null) {
            synchronized (this) {
                if (items == null) {
                    items = List.copyOf(readItems());
                }
                read = items;
            }
        }
        return read;
    }

    @Override
    public SuiteSetup setup() {
        return setup(items());
    }

    /** Closed book by default. */
    @Override
    public SuiteSetup setup(List<SuiteItem> items) {
        return SuiteSetup.NONE;
    }

    @Override
    public final String instructions() {
        return instructions;
    }

    /** The extraction rules in the order they are tried. */
    public final List<String> extractionRules() {
        return extractor.ruleNames();
    }

    @Override
    public final Extraction extract(String output) {
        return extractor.extract(output);
    }

    @Override
    public final Map<String, Double> score(SuiteItem item, Extraction extracted) {
        return scorer.score(item.gold(), extracted);
    }
}
