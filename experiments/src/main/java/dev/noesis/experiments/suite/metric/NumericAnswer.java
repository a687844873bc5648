package dev.noesis.experiments.suite.metric;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number an answer states, for GSM8K-style exact match: thousands separators, currency signs,
 * units and trailing zeros do not count, so {@code "$1,234.00"}, {@code "1234 dollars"} and
 * {@code "1234"} are one answer. When a text holds several numbers, the last one is its value
 * ({@code "9 * 2 = 18"} states 18), which is how worked answers end.
 */
public final class NumericAnswer {

    // A number with optional sign, thousands groups of three, and decimals; a leading "." as in ".5" too.
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)?(?:\\.\\d+)?");

    private NumericAnswer() {}

    /** The value of the last number in {@code text}, or empty when it holds none. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String last = null;
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String found = m.group();
            if (found.chars().anyMatch(Character::isDigit)) {
                last = found;
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(last.replace(",", "")).stripTrailingZeros());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The normalised text of the last number ({@code "1,234.50"} gives {@code "1234.5"}), or empty. */
    public static Optional<String> normalized(String text) {
        return parse(text).map(BigDecimal::toPlainString);
    }

    /** 1 when the prediction states the same number as a gold answer, else 0 (also when it states none). */
    public static double exactMatch(String prediction, List<String> gold) {
        Optional<BigDecimal> p = parse(prediction);
        if (p.isEmpty()) {
            return 0;
        }
        for (String g : gold) {
            Optional<BigDecimal> expected = parse(g);
            if (expected.isPresent() && expected.get().compareTo(p.get()) == 0) {
                return 1;
            }
        }
        return 0;
    }
}
