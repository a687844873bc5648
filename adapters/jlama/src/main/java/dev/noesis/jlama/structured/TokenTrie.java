package dev.noesis.jlama.structured;

import java.util.Arrays;

/**
 * Every token's bytes in one trie, so that the tokens allowed at a position are found by walking
 * the trie with the recognizer: a byte the recognizer refuses cuts off every token that starts
 * with it at once, instead of trying each of 128k tokens.
 */
final class TokenTrie {

    private int[] firstChild = new int[1 << 16];
    private int[] nextSibling = new int[1 << 16];
    private byte[] label = new byte[1 << 16];
    /** A token ending at the node (-1 for none); more tokens with the same bytes chain through {@link #sameBytes}. */
    private int[] token = new int[1 << 16];

    private final int[] sameBytes;
    private int nodes = 1;

    TokenTrie(TokenVocabulary vocabulary) {
        sameBytes = new int[vocabulary.size()];
        Arrays.fill(sameBytes, -1);
        firstChild[0] = -1;
        nextSibling[0] = -1;
        token[0] = -1;
        long totalBytes = 0;
        for (byte[] b : vocabulary.bytes) {
            totalBytes += b == null ? 0 : b.length;
        }
        // Children are found through a primitive hash map keyed by (node, byte) while building,
        // rather than by walking sibling lists, which is slow near the root of a large vocabulary.
        Children children = new Children((int) Math.min(1 << 30, Math.max(16, totalBytes)));
        for (int id = 0; id < vocabulary.size(); id++) {
            byte[] bytes = vocabulary.bytes[id];
            if (bytes == null) {
                continue;
            }
            int node = 0;
            for (byte b : bytes) {
                int child = children.get(node, b);
                if (child < 0) {
                    child = newNode(b);
                    nextSibling[child] = firstChild[node];
                    firstChild[node] = child;
                    children.put(node, b, child);
                }
                node = child;
            }
            sameBytes[id] = token[node];
            token[node] = id;
        }
    }

    /** An open-addressing map from (node, byte) to child node, for building. */
    private static final class Children {
        private final long[] keys;
        private final int[] values;
        private final int mask;

        Children(int expected) {
            int capacity = Integer.highestOneBit(expected * 2 - 1) << 1;
            keys = new long[capacity];
            values = new int[capacity];
            Arrays.fill(keys, -1L);
            mask = capacity - 1;
        }

        private int slot(long key) {
            int h = (int) (key ^ (key >>> 29)) * 0x9E3779B9;
            int i = h & mask;
            while (keys[i] != -1L && keys[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        int get(int node, byte b) {
            long key = ((long) node << 8) | (b & 0xFF);
            int i = slot(key);
            return keys[i] == key ? values[i] : -1;
        }

        void put(int node, byte b, int child) {
            long key = ((long) node << 8) | (b & 0xFF);
            int i = slot(key);
            keys[i] = key;
            values[i] = child;
        }
    }

    int nodeCount() {
        return nodes;
    }

    private int newNode(byte b) {
        if (nodes == label.length) {
            int n = nodes * 2;
            firstChild = Arrays.copyOf(firstChild, n);
            nextSibling = Arrays.copyOf(nextSibling, n);
            label = Arrays.copyOf(label, n);
            token = Arrays.copyOf(token, n);
        }
        firstChild[nodes] = -1;
        nextSibling[nodes] = -1;
        label[nodes] = b;
        token[nodes] = -1;
        return nodes++;
    }

    /** Marks in {@code mask} every token whose whole byte sequence the cursor accepts. */
    void allowed(Cursor cursor, long[] mask) {
        walk(0, cursor, mask);
    }

    private void walk(int node, Cursor cursor, long[] mask) {
        for (int child = firstChild[node]; child != -1; child = nextSibling[child]) {
            Cursor next = cursor.advance(label[child] & 0xFF);
            if (next == null) {
                continue;
            }
            for (int t = token[child]; t != -1; t = sameBytes[t]) {
                mask[t >>> 6] |= 1L << t;
            }
            walk(child, next, mask);
        }
    }
}
