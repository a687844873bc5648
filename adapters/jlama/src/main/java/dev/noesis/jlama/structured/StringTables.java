package dev.noesis.jlama.structured;

import java.util.ArrayList;
import java.util.List;

/**
 * What every token does from each state inside a free JSON string, computed once per
 * vocabulary. Inside a string nearly every token is allowed, so walking the trie there would
 * visit most of the vocabulary at every step; instead the tokens that stay inside the string are
 * read from bitsets by how many characters they start, and only the few that contain the
 * closing quote are checked against what may follow the string.
 */
final class StringTables {

    /** Tokens that start up to this many characters are kept in exact buckets; longer ones are listed. */
    static final int BUCKETS = 16;

    /** [state][k]: tokens that stay inside the string, starting at most k characters. */
    final long[][][] stayUpTo;
    /** [state]: tokens that stay inside and start more than {@link #BUCKETS} characters, with their counts. */
    final int[][] longStay;

    final int[][] longStayChars;
    /** [state]: tokens that end with the closing quote, with the characters they start before it. */
    final int[][] closing;

    final int[][] closingChars;
    /** [state][byte]: tokens that close the string and go on with this byte; where the quote is; characters before it. */
    final int[][][] closeThen;

    final int[][][] closeThenQuoteAt;
    final int[][][] closeThenChars;

    StringTables(TokenVocabulary vocabulary) {
        int words = (vocabulary.size() + 63) >>> 6;
        int states = StringLexer.STATES;
        stayUpTo = new long[states][BUCKETS + 1][words];
        longStay = new int[states][];
        longStayChars = new int[states][];
        closing = new int[states][];
        closingChars = new int[states][];
        closeThen = new int[states][256][];
        closeThenQuoteAt = new int[states][256][];
        closeThenChars = new int[states][256][];
        for (int s = 0; s < states; s++) {
            build(vocabulary, s);
        }
    }

    private void build(TokenVocabulary vocabulary, int state) {
        Ints longIds = new Ints();
        Ints longCounts = new Ints();
        Ints closeIds = new Ints();
        Ints closeCounts = new Ints();
        List<Ints[]> after = new ArrayList<>(256);
        for (int b = 0; b < 256; b++) {
            after.add(null);
        }
        long[][] exact = stayUpTo[state];
        for (int id = 0; id < vocabulary.size(); id++) {
            byte[] bytes = vocabulary.bytes[id];
            if (bytes == null) {
                continue;
            }
            int s = state;
            int chars = 0;
            int quoteAt = -1;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xFF;
                int next = StringLexer.step(s, b);
                if (next == StringLexer.CLOSE) {
                    quoteAt = i;
                    break;
                }
                if (next == StringLexer.REJECT) {
                    s = StringLexer.REJECT;
                    break;
                }
                if (StringLexer.startsCharacter(s, b)) {
                    chars++;
                }
                s = next;
            }
            if (quoteAt >= 0) {
                if (quoteAt == bytes.length - 1) {
                    closeIds.add(id);
                    closeCounts.add(chars);
                } else {
                    int following = bytes[quoteAt + 1] & 0xFF;
                    Ints[] lists = after.get(following);
                    if (lists == null) {
                        lists = new Ints[] {new Ints(), new Ints(), new Ints()};
                        after.set(following, lists);
                    }
                    lists[0].add(id);
                    lists[1].add(quoteAt);
                    lists[2].add(chars);
                }
            } else if (s != StringLexer.REJECT) {
                if (chars <= BUCKETS) {
                    exact[chars][id >>> 6] |= 1L << id;
                } else {
                    longIds.add(id);
                    longCounts.add(chars);
                }
            }
        }
        for (int k = 1; k <= BUCKETS; k++) {
            long[] acc = exact[k];
            long[] prev = exact[k - 1];
            for (int w = 0; w < acc.length; w++) {
                acc[w] |= prev[w];
            }
        }
        longStay[state] = longIds.toArray();
        longStayChars[state] = longCounts.toArray();
        closing[state] = closeIds.toArray();
        closingChars[state] = closeCounts.toArray();
        for (int b = 0; b < 256; b++) {
            Ints[] lists = after.get(b);
            if (lists != null) {
                closeThen[state][b] = lists[0].toArray();
                closeThenQuoteAt[state][b] = lists[1].toArray();
                closeThenChars[state][b] = lists[2].toArray();
            }
        }
    }

    /** A growable int array, to keep the tables free of boxed integers. */
    private static final class Ints {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
