package dev.noesis.retrieval.index;

import static dev.noesis.retrieval.index.ChunkFields.DOC_ID;
import static dev.noesis.retrieval.index.ChunkFields.INGESTED;
import static dev.noesis.retrieval.index.ChunkFields.META;
import static dev.noesis.retrieval.index.ChunkFields.MODIFIED;
import static dev.noesis.retrieval.index.ChunkFields.SOURCE;
import static dev.noesis.retrieval.index.ChunkFields.TAG;
import static dev.noesis.retrieval.index.ChunkFields.TITLE;
import static dev.noesis.retrieval.index.ChunkFields.TYPE;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.retrieval.MetadataFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Metadata filters as one Lucene filter query, which every ranking applies: exact terms for the
 * text fields, ranges of milliseconds for the times. A filter on a free metadata key no document
 * has is refused rather than silently matching nothing, since it is most likely a typing error.
 */
final class FilterQuery {

    private FilterQuery() {}

    /** The query all the filters must pass, or null when there are none. */
    static Query of(List<MetadataFilter> filters, IndexReader reader) {
        if (filters.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (MetadataFilter f : filters) {
            b.add(clause(f, reader), Occur.FILTER);
        }
        return b.build();
    }

    private static Query clause(MetadataFilter f, IndexReader reader) {
        String field = switch (f.field()) {
            case MetadataFilter.DOCUMENT_ID -> DOC_ID;
            case MetadataFilter.SOURCE -> SOURCE;
            case MetadataFilter.TITLE -> TITLE;
            case MetadataFilter.TAG, "tags" -> TAG;
            case MetadataFilter.TYPE -> TYPE;
            case MetadataFilter.MODIFIED -> MODIFIED;
            case MetadataFilter.INGESTED -> INGESTED;
            default -> META + f.field();
        };
        if (field.equals(MODIFIED) || field.equals(INGESTED)) {
            long[] day = timeRange(f);
            return switch (f.op()) {
                case EQUALS -> LongPoint.newRangeQuery(field, day[0], day[1]);
                case AT_LEAST -> LongPoint.newRangeQuery(field, day[0], Long.MAX_VALUE);
                case AT_MOST -> LongPoint.newRangeQuery(field, Long.MIN_VALUE, day[1]);
            };
        }
        if (f.op() != MetadataFilter.Op.EQUALS) {
            throw new InvalidInputException("The filter " + f + " compares with " + f.op().symbol()
                    + ", which only the times (" + MetadataFilter.MODIFIED + ", " + MetadataFilter.INGESTED
                    + ") allow; use " + f.field() + "=value.");
        }
        if (field.startsWith(META) && fieldMissing(reader, field)) {
            throw new InvalidInputException("No document in the index has a field '" + f.field() + "'. Filter on "
                    + String.join(
                            ", ",
                            MetadataFilter.DOCUMENT_ID,
                            MetadataFilter.SOURCE,
                            MetadataFilter.TITLE,
                            MetadataFilter.TAG,
                            MetadataFilter.TYPE,
                            MetadataFilter.MODIFIED,
                            MetadataFilter.INGESTED)
                    + ", or a metadata key the documents carry.");
        }
        return new TermQuery(new Term(field, f.value()));
    }

    private static boolean fieldMissing(IndexReader reader, String field) {
        for (LeafReaderContext leaf : reader.leaves()) {
            FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
            if (info != null) {
                return false;
            }
        }
        return reader.numDocs() > 0;
    }

    /** The first and last millisecond a time filter's value names: a whole day for a date, one instant otherwise. */
    private static long[] timeRange(MetadataFilter f) {
        String v = f.value();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                long start = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                return new long[] {
                    start,
                    d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1
                };
            }
            long t = Instant.parse(v).toEpochMilli();
            return new long[] {t, t};
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("The filter " + f
                    + " needs a date (2025-01-31) or an instant (2025-01-31T12:00:00Z), got '" + v + "'.");
        }
    }
}
