package dev.noesis.memory.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names and ids in the memory graph. Concepts named in free text are the same concept when their
 * names normalise to the same string: Unicode-compatible forms, accents removed, lower case,
 * punctuation as spaces, spaces collapsed ({@code "Gödel, Kurt"} and {@code "godel kurt"}).
 *
 * <p>Characters that carry meaning stay: {@code + # $ %} and every currency sign ({@code C},
 * {@code C++} and {@code C#} are three languages; {@code $500} is not {@code 500}), a minus or plus
 * sign before a number ({@code -18} is not {@code 18}), and a point inside or before a number or
 * before a word ({@code 3.14}, {@code v1.2}, {@code .NET}). A hyphen between words and a point that
 * ends a word stay punctuation ({@code "Jean-Paul"} is {@code "jean paul"}, {@code "Dr."} is
 * {@code "dr"}). Every name that normalised alike in version 1 of the schema and differs now
 * differed in one of those characters; the migration to schema version 2 splits them apart in older graphs.
 */
public final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern LETTERS = Pattern.compile("\\p{L}+");
    /** I to XXXIX: the numerals of kings, popes, sequels and Super Bowls. */
    private static final Pattern ROMAN = Pattern.compile("x{0,3}(ix|iv|v?i{0,3})");

    private static final Set<String> NUMBER_WORDS = Set.of(
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "hundred",
            "thousand",
            "million",
            "billion",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
            "last",
            "junior",
            "senior",
            "jr",
            "sr",
            "elder",
            "younger");

    private Names() {}

    public static String normalise(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD);
        int[] cps = MARKS.matcher(s)
                .replaceAll("")
                .toLowerCase(Locale.ROOT)
                .replace('\u2212', '-')
                .codePoints()
                .toArray();
        StringBuilder out = new StringBuilder(cps.length);
        boolean gap = false;
        for (int i = 0; i < cps.length; i++) {
            if (kept(cps, i)) {
                if (gap && !out.isEmpty()) {
                    out.append(' ');
                }
                gap = false;
                out.appendCodePoint(cps[i]);
            } else {
                gap = true;
            }
        }
        return out.toString();
    }

    /** Whether the character at {@code i} is part of the name's identity (see the class comment). */
    private static boolean kept(int[] s, int i) {
        int c = s[i];
        if (word(c) || c == '+' || c == '#' || c == '%' || currency(c)) {
            return true;
        }
        int before = i > 0 ? s[i - 1] : ' ';
        int after = i + 1 < s.length ? s[i + 1] : ' ';
        int afterNext = i + 2 < s.length ? s[i + 2] : ' ';
        if (c == '-') {
            // A sign, not a hyphen: it starts a number (-18, -$500, -.5); it does not join two words.
            return !word(before)
                    && (Character.isDigit(after) || currency(after) || (after == '.' && Character.isDigit(afterNext)));
        }
        if (c == '.') {
            // A decimal or version point (3.14, v1.2), or the start of a name (.NET, .5); not a full stop.
            return Character.isDigit(after) && !Character.isLetter(before)
                    || Character.isLetter(after) && !word(before);
        }
        return false;
    }

    /** A letter or a number: what version 1 kept, and all it kept. */
    private static boolean word(int c) {
        int type = Character.getType(c);
        return Character.isLetter(c)
                || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static boolean currency(int c) {
        return Character.getType(c) == Character.CURRENCY_SYMBOL;
    }

    /**
     * The tokens of a name that tell it apart from names that are otherwise alike, and that no
     * similarity of spelling or meaning may override: numbers and anything with a digit ({@code 77},
     * {@code v1.2}, {@code 1st}), signs and symbols ({@code c++}, {@code -18}, {@code $500}), roman
     * numerals ({@code ii}, {@code xiv}) and number words ({@code second}, {@code three}). Two names
     * can be one concept by similarity only when these agree; sorted, so that word order does not count.
     */
    public static List<String> distinguishing(String name) {
        List<String> tokens = new ArrayList<>();
        for (String token : normalise(name).split(" ")) {
            if (!token.isEmpty()
                    && (!LETTERS.matcher(token).matches()
                            || ROMAN.matcher(token).matches()
                            || NUMBER_WORDS.contains(token))) {
                tokens.add(token);
            }
        }
        Collections.sort(tokens);
        return tokens;
    }

    /** The id of a concept named in free text (not a WordNet synset). */
    public static String conceptId(String name) {
        String n = normalise(name);
        return "c:" + (n.isEmpty() ? name.strip() : n);
    }

    /** The key of a statement: the same subject, predicate and object give the same key. */
    public static String factKey(String subject, String predicate, String object) {
        return "f:" + hash(normalise(subject) + "\u0000" + normalise(predicate) + "\u0000" + normalise(object));
    }

    public static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
