package dev.noesis.lab.world;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Made-up names from syllables, drawn from a seeded generator. Every word it hands out is new:
 * no two entities share a name, and no word of one name is a word of another (a person's surname
 * is never a city), so a name in a question points at exactly one entity.
 */
final class NameGenerator {

    private static final String[] ONSETS = {
        "b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kl", "l", "m", "n", "p", "r", "s", "st", "t", "tr", "v", "z"
    };
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "ou"};
    private static final String[] CODAS = {"", "", "", "n", "r", "l", "s", "m", "th", "k"};
    private static final String[] COUNTRY_ENDINGS = {"ia", "ara", "onia", "istan", "and"};
    private static final String[] COMPANY_KINDS = {"Works", "Labs", "Systems", "Foods", "Motors", "Media", "Textiles"};

    private final SplittableRandom random;
    private final Set<String> used = new HashSet<>();

    NameGenerator(SplittableRandom random) {
        this.random = random;
    }

    String person() {
        return fresh(2, 2, "") + " " + fresh(2, 3, "");
    }

    String city() {
        return fresh(2, 3, "");
    }

    String country() {
        return fresh(1, 2, COUNTRY_ENDINGS[random.nextInt(COUNTRY_ENDINGS.length)]);
    }

    String company() {
        // The kind words repeat across companies; the distinguishing first word does not.
        return fresh(2, 2, "") + " " + COMPANY_KINDS[random.nextInt(COMPANY_KINDS.length)];
    }

    /** A capitalised word of {@code min..max} syllables plus {@code ending}, never handed out before. */
    private String fresh(int min, int max, String ending) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int syllables = min + random.nextInt(max - min + 1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < syllables; i++) {
                sb.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
                if (i == syllables - 1 && ending.isEmpty()) {
                    sb.append(CODAS[random.nextInt(CODAS.length)]);
                }
            }
            String word = sb.append(ending).toString();
            word = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
            if (used.add(word.toLowerCase(Locale.ROOT))) {
                return word;
            }
        }
        throw new IllegalStateException("ran out of fresh names after 10,000 attempts");
    }
}
