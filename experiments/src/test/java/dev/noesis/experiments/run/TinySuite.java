package dev.noesis.experiments.run;

import dev.noesis.experiments.log.Extraction;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A suite of {@code n} questions whose gold answer is "a&lt;i&gt;"; exact match on the trimmed output. */
class TinySuite implements Suite {

    private final String name;
    private final int n;
    private final SuiteSetup setup;
    private final String instructions;

    TinySuite(String name, int n) {
        this(name, n, SuiteSetup.NONE, "Answer with the code only.");
    }

    TinySuite(String name, int n, SuiteSetup setup, String instructions) {
        this.name = name;
        this.n = n;
        this.setup = setup;
        this.instructions = instructions;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "test questions";
    }

    @Override
    public List<String> metrics() {
        return List.of("em");
    }

    @Override
    public List<SuiteItem> items() {
        List<SuiteItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new SuiteItem(
                    "q" + i, "What is code " + i + "?", List.of("a" + i), i % 2 == 0 ? "even" : "odd", Map.of()));
        }
        return items;
    }

    @Override
    public SuiteSetup setup() {
        return setup;
    }

    @Override
    public String instructions() {
        return instructions;
    }

    @Override
    public Extraction extract(String output) {
        String t = output.strip();
        return new Extraction(t.isEmpty() ? null : t, "whole-output");
    }

    @Override
    public Map<String, Double> score(SuiteItem item, Extraction extracted) {
        return Map.of("em", extracted.found() && item.gold().contains(extracted.answer()) ? 1.0 : 0.0);
    }
}
