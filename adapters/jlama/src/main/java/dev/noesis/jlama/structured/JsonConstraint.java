package dev.noesis.jlama.structured;

/**
 * One schema-constrained generation: which tokens may come next, and the document so far. The
 * decoding loop asks {@link #allowed()} before each pick and reports the pick with {@link #accept}.
 */
public final class JsonConstraint {

    private final TokenConstraints constraints;
    private final int minimalBytes;
    private final long[] mask;
    private Cursor cursor;
    private boolean ended;
    private long maskNanos;
    private int steps;

    JsonConstraint(TokenConstraints constraints, Cursor start, int minimalBytes) {
        this.constraints = constraints;
        this.cursor = start;
        this.minimalBytes = minimalBytes;
        this.mask = new long[(constraints.vocabularySize() + 63) >>> 6];
    }

    /** The tokens that may come next, as a bitset over token ids (owned by this object; valid until the next call). */
    public long[] allowed() {
        long start = System.nanoTime();
        constraints.allowed(cursor, mask);
        maskNanos += System.nanoTime() - start;
        steps++;
        return mask;
    }

    public static boolean isSet(long[] mask, int token) {
        return (mask[token >>> 6] & (1L << token)) != 0;
    }

    /** Records the chosen token, which must have been allowed. */
    public void accept(int token) {
        if (constraints.isEndOfSequence(token)) {
            if (!cursor.canEnd()) {
                throw new IllegalStateException("end of sequence before the document can end");
            }
            ended = true;
            return;
        }
        Cursor next = cursor.advance(constraints.bytesOf(token), 0);
        if (next == null) {
            throw new IllegalStateException("token " + token + " was not allowed here");
        }
        cursor = next;
    }

    /** The document is complete: its root value has closed, or it ended with end-of-sequence. */
    public boolean complete() {
        return ended || cursor.complete();
    }

    /** The fewest bytes a document of the schema takes, for messages about budgets. */
    public int minimalBytes() {
        return minimalBytes;
    }

    /** Time spent computing masks, for benchmarks. */
    public long maskNanos() {
        return maskNanos;
    }

    public int steps() {
        return steps;
    }
}
