package dev.noesis.experiments.suite.extract;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule whose answer is the first group of the first match of a pattern. The first match, not the
 * last: a small model that keeps writing after its answer often starts an invented next question.
 */
final class PatternRule implements ExtractionRule {

    private final String name;
    private final Pattern pattern;

    PatternRule(String name, Pattern pattern) {
        this.name = name;
        this.pattern = pattern;
    }

    /** {@code gsm8k-hash}: the rest of the line after {@code ####}, as GSM8K's own answers end. */
    static PatternRule gsm8kHash() {
        return new PatternRule("gsm8k-hash", Pattern.compile("####[ \\t]*([^\\n]*\\S)"));
    }

    /** {@code answer-prefix}: the rest of a line that starts with "Answer:" or "Final answer:" (markdown emphasis allowed). */
    static PatternRule answerPrefix() {
        return new PatternRule(
                "answer-prefix",
                Pattern.compile(
                        "^[\\s*_#>]*(?:final\\s+)?answer[*_]*\\s*[:：][*_\\s]*([^\\n]*\\S)",
                        Pattern.CASE_INSENSITIVE | Pattern.MULTILINE));
    }

    /** {@code answer-is}: what follows "the answer is", up to the end of its sentence or line. */
    static PatternRule answerIs() {
        return new PatternRule(
                "answer-is",
                Pattern.compile(
                        "\\bthe\\s+(?:final\\s+)?answer\\s+is\\s*[:：]?\\s*([^\\n]*?\\S)\\s*(?:\\.\\s|\\.?$)",
                        Pattern.CASE_INSENSITIVE | Pattern.MULTILINE));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> apply(String output) {
        Matcher m = pattern.matcher(output);
        if (m.find()) {
            String answer = m.group(1).strip();
            return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
        }
        return Optional.empty();
    }
}
