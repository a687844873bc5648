package dev.noesis.experiments.suite.extract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code label}: the first of a fixed set of label words in the output, in any case and with the
 * usual English endings ({@code supports}, {@code contradicted}, {@code contradiction}), answered as
 * the label itself. Negation is not understood: "does not support" reads as SUPPORT, which is why
 * a suite with labels offers a JSON schema with an enum first.
 */
public final class LabelRule implements ExtractionRule {

    private final List<String> labels;
    private final List<Pattern> patterns;

    public LabelRule(List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("the label rule needs the labels to look for");
        }
        this.labels = List.copyOf(labels);
        this.patterns = this.labels.stream()
                .map(l -> Pattern.compile(
                        "(?<![\\p{L}\\p{N}])" + Pattern.quote(l.toLowerCase(Locale.ROOT))
                                + "(?:s|es|ed|d|ing|ion|ions|ory)?(?![\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }

    /** The labels looked for, in the order given. */
    public List<String> labels() {
        return labels;
    }

    @Override
    public String name() {
        return "label";
    }

    @Override
    public Optional<String> apply(String output) {
        int best = Integer.MAX_VALUE;
        String found = null;
        for (int i = 0; i < labels.size(); i++) {
            Matcher m = patterns.get(i).matcher(output);
            if (m.find() && m.start() < best) {
                best = m.start();
                found = labels.get(i);
            }
        }
        return Optional.ofNullable(found);
    }
}
