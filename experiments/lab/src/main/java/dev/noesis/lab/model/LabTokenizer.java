package dev.noesis.lab.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.noesis.jlama.tiny.TokenizerJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Llama-2 style BPE vocabulary with byte fallback, its merges learned from the lab's own texts
 * (the world's names and sentences), so that a made-up name takes two or three tokens rather than
 * ten. Special tokens, byte tokens and chat markers are laid out as in the Jlama adapter's tiny
 * models, and {@link #write} writes them in the same {@code tokenizer.json} layout ({@link TokenizerJson}),
 * which Jlama and the HuggingFace tokenizers library both read.
 */
public final class LabTokenizer {

    static final String SPACE = TokenizerJson.SPACE;
    static final List<String> SPECIALS = TokenizerJson.SPECIALS;
    static final List<String> CHAT_MARKERS = TokenizerJson.CHAT_MARKERS;
    public static final int BOS = 1;
    public static final int EOS = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final LinkedHashMap<String, Integer> vocab = new LinkedHashMap<>();
    private final List<String> merges = new ArrayList<>();

    private LabTokenizer() {}

    /**
     * Learns a vocabulary of {@code size} tokens (or fewer, when no pair repeats any more) from
     * {@code texts}. The same texts and size give the same vocabulary.
     */
    public static LabTokenizer learn(Iterable<String> texts, int size) {
        LabTokenizer t = new LabTokenizer();
        SPECIALS.forEach(t::add);
        for (int b = 0; b < 256; b++) {
            t.add(String.format("<0x%02X>", b));
        }
        CHAT_MARKERS.forEach(t::add);
        t.add(SPACE);
        for (char c = '!'; c <= '~'; c++) {
            t.add(String.valueOf(c));
        }
        if (t.vocab.size() > size) {
            throw new IllegalArgumentException("a vocabulary needs at least " + t.vocab.size() + " tokens");
        }
        t.learnMerges(texts, size);
        return t;
    }

    public int size() {
        return vocab.size();
    }

    public int id(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("no token " + token);
        }
        return id;
    }

    /** The end-of-turn token the chat template closes each message with. */
    public int endOfTurn() {
        return id("<|end|>");
    }

    private void add(String token) {
        vocab.putIfAbsent(token, vocab.size());
    }

    /**
     * Words are split where a letter or digit meets punctuation, and no merge joins the two, so a
     * name tokenizes the same before a full stop as at the end of an answer: the answer can be
     * copied from the evidence token for token. (When "Velmora." merged as "Velm" + "ora.", none of
     * 400 drill answers had the ids it had in its evidence, measured.) The first piece of a word
     * is counted twice: after a word-start marker, as inside a sentence and at the start of an
     * answer, and bare, as the first word of a message after the template's newline.
     */
    private void learnMerges(Iterable<String> texts, int size) {
        Map<String, Integer> wordCounts = new TreeMap<>();
        for (String text : texts) {
            for (String w : text.split("\\s+")) {
                List<String> pieces = pieces(w);
                for (int i = 0; i < pieces.size(); i++) {
                    if (i == 0) {
                        wordCounts.merge(SPACE + pieces.get(i), 1, Integer::sum);
                    }
                    wordCounts.merge(pieces.get(i), 1, Integer::sum);
                }
            }
        }
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        wordCounts.forEach((w, n) -> {
            List<String> symbols = new ArrayList<>();
            w.codePoints().forEach(cp -> symbols.add(Character.toString(cp)));
            words.add(symbols);
            counts.add(n);
        });
        while (vocab.size() < size) {
            Map<String, Integer> pairs = new HashMap<>();
            for (int i = 0; i < words.size(); i++) {
                List<String> s = words.get(i);
                for (int j = 0; j + 1 < s.size(); j++) {
                    pairs.merge(s.get(j) + " " + s.get(j + 1), counts.get(i), Integer::sum);
                }
            }
            String best = null;
            int bestCount = 1;
            for (var e : pairs.entrySet()) {
                int n = e.getValue();
                if (n > bestCount
                        || (n == bestCount && best != null && e.getKey().compareTo(best) < 0)) {
                    String[] ab = e.getKey().split(" ", 2);
                    if (!vocab.containsKey(ab[0] + ab[1])) {
                        best = e.getKey();
                        bestCount = n;
                    }
                }
            }
            if (best == null) {
                return; // no pair occurs twice any more
            }
            String[] ab = best.split(" ", 2);
            merges.add(best);
            add(ab[0] + ab[1]);
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

    /** Runs of letters and digits, and each other character on its own. */
    static List<String> pieces(String word) {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        word.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                run.appendCodePoint(cp);
            } else {
                if (!run.isEmpty()) {
                    out.add(run.toString());
                    run.setLength(0);
                }
                out.add(Character.toString(cp));
            }
        });
        if (!run.isEmpty()) {
            out.add(run.toString());
        }
        return out;
    }

    /** Writes {@code tokenizer.json} into {@code dir}. */
    public void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve("tokenizer.json").toFile(), TokenizerJson.of(vocab, merges));
    }
}
