package dev.noesis.core.retrieval;

import dev.noesis.core.error.InvalidInputException;
import java.util.Locale;
import java.util.Objects;

/**
 * One condition on a passage's metadata: a field equals a value, or (for times) is at least or
 * at most one. Field names are the retriever's; the common ones are {@link #DOCUMENT_ID},
 * {@link #SOURCE}, {@link #TITLE}, {@link #TAG}, {@link #TYPE} and the times {@link #MODIFIED}
 * and {@link #INGESTED}.
 *
 * @param field the metadata field
 * @param op    how the field is compared with the value
 * @param value the value, as text (an ISO date or instant for times)
 */
public record MetadataFilter(String field, Op op, String value) {

    public static final String DOCUMENT_ID = "id";
    public static final String SOURCE = "source";
    public static final String TITLE = "title";
    public static final String TAG = "tag";
    public static final String TYPE = "type";
    public static final String MODIFIED = "modified";
    public static final String INGESTED = "ingested";

    /** How a field is compared. */
    public enum Op {
        EQUALS("="),
        AT_LEAST(">="),
        AT_MOST("<=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public MetadataFilter {
        Objects.requireNonNull(op, "op");
        if (field == null || field.isBlank() || value == null) {
            throw new InvalidInputException(
                    "A filter needs a field and a value, as field=value; got " + field + op.symbol + value + ".");
        }
        field = field.strip().toLowerCase(Locale.ROOT);
    }

    public static MetadataFilter equal(String field, String value) {
        return new MetadataFilter(field, Op.EQUALS, value);
    }

    /**
     * Reads {@code field=value}, {@code field>=value} or {@code field<=value}, as a user types it.
     *
     * @throws InvalidInputException when the text has none of these forms
     */
    public static MetadataFilter parse(String text) {
        for (Op op : new Op[] {Op.AT_LEAST, Op.AT_MOST, Op.EQUALS}) {
            int at = text.indexOf(op.symbol);
            if (at > 0) {
                String field = text.substring(0, at).strip();
                String value = text.substring(at + op.symbol.length()).strip();
                if (!field.isEmpty()
                        && !value.isEmpty()
                        && field.chars()
                                .allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
                    return new MetadataFilter(field, op, value);
                }
            }
        }
        throw new InvalidInputException(
                "The filter '" + text + "' is not of the form field=value, field>=value or field<=value"
                        + " (for example tag=physics, source=/docs/a.md, modified>=2025-01-01).");
    }

    @Override
    public String toString() {
        return field + op.symbol + value;
    }
}
