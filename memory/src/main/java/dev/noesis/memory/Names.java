package dev.noesis.memory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names and ids in the memory graph. Concepts named in free text are the same concept when their
 * names normalise to the same string: Unicode-compatible forms, accents removed, lower case,
 * punctuation as spaces, spaces collapsed ({@code "Gödel, Kurt"} and {@code "godel kurt"}).
 */
public final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Names() {}

    public static String normalise(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD);
        s = MARKS.matcher(s).replaceAll("");
        s = NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return s.strip();
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
