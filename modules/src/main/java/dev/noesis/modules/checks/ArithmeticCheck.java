package dev.noesis.modules.checks;

import dev.noesis.core.thought.Validation;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arithmetic claims of the form {@code a op b = c} in a text (op one of + - * / × ÷ x), each
 * worked out exactly. A claim is right when {@code c} equals the result, to {@code c}'s own
 * number of decimals for divisions ("10 / 3 = 3.33" is right).
 */
public final class ArithmeticCheck {

    private static final String NUMBER = "(-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|-?\\d+(?:\\.\\d+)?)";
    private static final Pattern CLAIM =
            Pattern.compile(NUMBER + "\\s*([-+*/×÷x])\\s*" + NUMBER + "\\s*=\\s*" + NUMBER);

    private ArithmeticCheck() {}

    /** The result over every claim found, or empty when the text makes none. */
    public static Optional<Validation> check(String text) {
        Matcher m = CLAIM.matcher(text);
        int claims = 0;
        List<String> wrong = new ArrayList<>();
        while (m.find()) {
            BigDecimal a = number(m.group(1));
            BigDecimal b = number(m.group(3));
            BigDecimal c = number(m.group(4));
            BigDecimal actual;
            switch (m.group(2)) {
                case "+" -> actual = a.add(b);
                case "-" -> actual = a.subtract(b);
                case "*", "×", "x" -> actual = a.multiply(b);
                default -> {
                    if (b.signum() == 0) {
                        wrong.add(m.group() + " (division by zero)");
                        claims++;
                        continue;
                    }
                    actual = a.divide(b, MathContext.DECIMAL64);
                }
            }
            claims++;
            BigDecimal rounded = actual.setScale(Math.max(0, c.scale()), java.math.RoundingMode.HALF_UP);
            if (rounded.compareTo(c) != 0) {
                wrong.add(m.group() + " (it is " + actual.stripTrailingZeros().toPlainString() + ")");
            }
        }
        if (claims == 0) {
            return Optional.empty();
        }
        return Optional.of(new Validation(
                "arithmetic", wrong.isEmpty(), wrong.isEmpty() ? claims + " claims right" : String.join("; ", wrong)));
    }

    private static BigDecimal number(String s) {
        return new BigDecimal(s.replace(",", ""));
    }
}
