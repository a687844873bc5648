package dev.noesis.experiments.suite.metric;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The answer normalisation of the SQuAD v1.1 evaluation script, which HotpotQA and 2WikiMultihopQA
 * also use: lower case, ASCII punctuation removed, the articles a/an/the removed, whitespace collapsed.
 * Kept to the letter, so that numbers computed here can stand beside published ones.
 */
public final class AnswerNormalizer {

    /** Python's {@code string.punctuation}, which the official script removes (and nothing else). */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private AnswerNormalizer() {}

    /** The normalised answer; {@code null} counts as empty. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        String noArticles = ARTICLES.matcher(kept).replaceAll(" ");
        return WHITESPACE.matcher(noArticles).replaceAll(" ").strip();
    }

    /** The normalised answer split on whitespace, as the token F1 counts them. */
    public static List<String> tokens(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split(" "));
    }
}
