package dev.noesis.jlama.tiny;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Llama-2 style BPE vocabulary of a given size with byte fallback: special tokens, the 256
 * byte tokens {@code <0x00>..<0xFF>}, single characters, merges learned from a small English
 * text shipped with Noesis, and, for large vocabularies, further merges made up to reach the
 * size. Any text encodes (characters outside the vocabulary fall back to their UTF-8 bytes), and
 * the result depends only on the size, so the same shape always gets the same tokenizer.
 */
final class SyntheticTokenizer {

    static final String SPACE = TokenizerJson.SPACE;
    static final List<String> SPECIALS = TokenizerJson.SPECIALS;
    static final List<String> CHAT_MARKERS = TokenizerJson.CHAT_MARKERS;
    static final int BOS = 1;
    static final int EOS = 2;

    /** Characters beyond ASCII given tokens of their own, so common accented text does not fall back to bytes. */
    private static final String EXTRA_CHARS = "äöüÄÖÜßéèêëàâçîïôûùñ€£°–—’“”…";

    private static final int MAX_TOKEN_CHARS = 16;

    final LinkedHashMap<String, Integer> vocab = new LinkedHashMap<>();
    final List<String> merges = new ArrayList<>();

    private SyntheticTokenizer() {}

    static SyntheticTokenizer build(int size) {
        SyntheticTokenizer t = new SyntheticTokenizer();
        SPECIALS.forEach(t::add);
        for (int b = 0; b < 256; b++) {
            t.add(String.format("<0x%02X>", b));
        }
        CHAT_MARKERS.forEach(t::add);
        t.add(SPACE);
        for (char c = '!'; c <= '~'; c++) {
            t.add(String.valueOf(c));
        }
        EXTRA_CHARS.codePoints().forEach(cp -> t.add(Character.toString(cp)));
        if (t.vocab.size() > size) {
            throw new IllegalArgumentException("a vocabulary needs at least " + t.vocab.size() + " tokens");
        }
        t.learnMerges(size);
        t.inventMerges(size);
        return t;
    }

    int id(String token) {
        return vocab.get(token);
    }

    private void add(String token) {
        vocab.putIfAbsent(token, vocab.size());
    }

    private void merge(String a, String b) {
        merges.add(a + " " + b);
        add(a + b);
    }

    /** Byte-pair merges learned from the shipped text: the most frequent adjacent pair first. */
    private void learnMerges(int size) {
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String w : corpus().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            Integer at = index.get(w);
            if (at == null) {
                index.put(w, words.size());
                List<String> symbols = new ArrayList<>();
                symbols.add(SPACE);
                w.codePoints().forEach(cp -> symbols.add(Character.toString(cp)));
                words.add(symbols);
                counts.add(1);
            } else {
                counts.set(at, counts.get(at) + 1);
            }
        }
        while (vocab.size() < size) {
            Map<String, Integer> pairs = new LinkedHashMap<>();
            for (int i = 0; i < words.size(); i++) {
                List<String> s = words.get(i);
                for (int j = 0; j + 1 < s.size(); j++) {
                    pairs.merge(s.get(j) + " " + s.get(j + 1), counts.get(i), Integer::sum);
                }
            }
            String best = null;
            int bestCount = 1;
            for (var e : pairs.entrySet()) {
                String[] ab = e.getKey().split(" ", 2);
                boolean fresh = !vocab.containsKey(ab[0] + ab[1]);
                if (fresh
                        && (e.getValue() > bestCount
                                || (e.getValue() == bestCount
                                        && best != null
                                        && e.getKey().compareTo(best) < 0))) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (best == null) {
                return; // no pair occurs twice any more
            }
            String[] ab = best.split(" ", 2);
            merge(ab[0], ab[1]);
            for (List<String> s : words) {
                for (int j = 0; j + 1 < s.size(); j++) {
                    if (s.get(j).equals(ab[0]) && s.get(j + 1).equals(ab[1])) {
                        s.set(j, ab[0] + ab[1]);
                        s.remove(j + 1);
                    }
                }
            }
        }
    }

    /**
     * Made-up merges to reach vocabularies of real size (128k for Llama 3): a known token
     * extended by one character, as real subword vocabularies grow.
     */
    private void inventMerges(int size) {
        List<String> pieces = new ArrayList<>();
        List<String> letters = new ArrayList<>();
        for (String token : vocab.keySet()) {
            if (isText(token)) {
                pieces.add(token);
                if (token.codePointCount(0, token.length()) == 1 && !token.equals(SPACE)) {
                    letters.add(token);
                }
            }
        }
        SplittableRandom random = new SplittableRandom(0x5EED_70C3L);
        while (vocab.size() < size) {
            String a = pieces.get(random.nextInt(pieces.size()));
            String b = letters.get(random.nextInt(letters.size()));
            String ab = a + b;
            if (ab.length() <= MAX_TOKEN_CHARS && !vocab.containsKey(ab)) {
                merge(a, b);
                pieces.add(ab);
            }
        }
    }

    private static boolean isText(String token) {
        return !(token.startsWith("<") && token.endsWith(">") && token.length() > 1);
    }

    private static String corpus() {
        try (InputStream in = SyntheticTokenizer.class.getResourceAsStream("corpus.txt")) {
            if (in == null) {
                throw new IllegalStateException("corpus.txt is missing from the Noesis jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
