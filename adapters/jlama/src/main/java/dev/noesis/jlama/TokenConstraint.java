package dev.noesis.jlama;

import dev.noesis.jlama.structured.JsonConstraint;
import java.util.Set;

/**
 * What the decoding loop may pick next, and whether a pick ends the generation. Free text has
 * no constraint: any token may come, and end-of-sequence ends it. Structured output masks the
 * logits to the tokens that keep the JSON document valid, and ends as soon as the document closes.
 */
interface TokenConstraint {

    /** What a chosen token does to the generation. */
    enum Step {
        /** The token is output and decoding goes on. */
        CONTINUE,
        /** The generation ends here; the token is not output (an end-of-sequence token). */
        END_BEFORE,
        /** The token is output and ends the generation (it closed the document). */
        END_AFTER
    }

    /** The tokens that may come next as a bitset over token ids, or null when any token may. */
    long[] allowed();

    /** Records the chosen token, which was allowed. */
    Step accept(int token);

    /** Free text: every token, until an end-of-sequence token. */
    static TokenConstraint none(Set<Integer> endOfSequence) {
        return new TokenConstraint() {
            @Override
            public long[] allowed() {
                return null;
            }

            @Override
            public Step accept(int token) {
                return endOfSequence.contains(token) ? Step.END_BEFORE : Step.CONTINUE;
            }
        };
    }

    /** A JSON document of the constraint's schema, ending when the document is complete. */
    static TokenConstraint json(JsonConstraint constraint, Set<Integer> endOfSequence) {
        return new TokenConstraint() {
            @Override
            public long[] allowed() {
                return constraint.allowed();
            }

            @Override
            public Step accept(int token) {
                constraint.accept(token);
                if (!constraint.complete()) {
                    return Step.CONTINUE;
                }
                return endOfSequence.contains(token) ? Step.END_BEFORE : Step.END_AFTER;
            }
        };
    }
}
