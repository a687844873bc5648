package dev.noesis.jlama.structured;

import dev.noesis.core.structured.JsonSchema;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Everything a vocabulary needs for schema-constrained decoding, built once per model: the bytes
 * of every token, the token trie and the string tables. {@link #start} begins one constrained
 * generation.
 */
public final class TokenConstraints {

    private final TokenVocabulary vocabulary;
    private final TokenTrie trie;
    private final StringTables strings;
    private final long buildMillis;

    private TokenConstraints(TokenVocabulary vocabulary, TokenTrie trie, StringTables strings, long buildMillis) {
        this.vocabulary = vocabulary;
        this.trie = trie;
        this.strings = strings;
        this.buildMillis = buildMillis;
    }

    /**
     * @param tokenizerJson the model's {@code tokenizer.json}
     * @param vocabSize     the model's vocabulary size (its logits' length)
     * @param endOfSequence the model's end-of-sequence ids
     */
    public static TokenConstraints build(Path tokenizerJson, int vocabSize, List<Integer> endOfSequence) {
        long start = System.nanoTime();
        TokenVocabulary v = TokenVocabulary.read(tokenizerJson, vocabSize, endOfSequence);
        TokenTrie trie = new TokenTrie(v);
        StringTables strings = new StringTables(v);
        return new TokenConstraints(v, trie, strings, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** How long building the tables took. */
    public long buildMillis() {
        return buildMillis;
    }

    public int vocabularySize() {
        return vocabulary.size();
    }

    /** Begins a generation that must produce a document of {@code schema}. */
    public JsonConstraint start(JsonSchema schema) {
        JsonMachine.Plan plan = JsonMachine.compile(schema.root());
        return new JsonConstraint(this, Cursor.start(plan), JsonMachine.minimalBytes(plan));
    }

    /** Sets in {@code mask} (cleared first) every token that may come next at {@code cursor}. */
    void allowed(Cursor cursor, long[] mask) {
        Arrays.fill(mask, 0L);
        if (cursor.allInFreeStrings()) {
            for (JsonMachine.Frame p : cursor.positions) {
                insideString((JsonMachine.StringFrame) p, mask);
            }
        } else {
            trie.allowed(cursor, mask);
        }
        if (cursor.canEnd()) {
            for (int eos : vocabulary.endOfSequence) {
                if (eos >= 0 && eos < vocabulary.size()) {
                    mask[eos >>> 6] |= 1L << eos;
                }
            }
        }
    }

    private void insideString(JsonMachine.StringFrame f, long[] mask) {
        int s = f.lex;
        long room = (long) f.plan.max() - f.count;
        long[] stay = strings.stayUpTo[s][(int) Math.min(room, StringTables.BUCKETS)];
        for (int w = 0; w < mask.length; w++) {
            mask[w] |= stay[w];
        }
        if (room > StringTables.BUCKETS) {
            int[] ids = strings.longStay[s];
            int[] chars = strings.longStayChars[s];
            for (int i = 0; i < ids.length; i++) {
                if (chars[i] <= room) {
                    mask[ids[i] >>> 6] |= 1L << ids[i];
                }
            }
        }
        int[] close = strings.closing[s];
        int[] closeChars = strings.closingChars[s];
        for (int i = 0; i < close.length; i++) {
            if (lengthOk(f, closeChars[i])) {
                mask[close[i] >>> 6] |= 1L << close[i];
            }
        }
        Cursor afterClose = Cursor.of(((JsonMachine.Container) f.parent).afterValue());
        for (int b = 0; b < 256; b++) {
            int[] ids = strings.closeThen[s][b];
            if (ids == null) {
                continue;
            }
            Cursor probe = afterClose.advance(b);
            if (probe == null) {
                continue; // whatever follows the string cannot start with this byte
            }
            int[] quoteAt = strings.closeThenQuoteAt[s][b];
            int[] chars = strings.closeThenChars[s][b];
            for (int i = 0; i < ids.length; i++) {
                if (lengthOk(f, chars[i]) && probe.advance(vocabulary.bytes[ids[i]], quoteAt[i] + 2) != null) {
                    mask[ids[i] >>> 6] |= 1L << ids[i];
                }
            }
        }
    }

    private static boolean lengthOk(JsonMachine.StringFrame f, int chars) {
        long total = (long) f.count + chars;
        return total >= f.plan.min() && total <= f.plan.max();
    }

    byte[] bytesOf(int token) {
        return vocabulary.bytes[token];
    }

    boolean isEndOfSequence(int token) {
        for (int eos : vocabulary.endOfSequence) {
            if (eos == token) {
                return true;
            }
        }
        return false;
    }
}
