package dev.noesis.retrieval.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** The query of each ranking: BM25 over the analysed words, and nearest neighbours of a vector; both under a filter. */
final class RankingQueries {

    private RankingQueries() {}

    /**
     * The query's analysed terms, each once, boosted by how often it occurs (Anserini's bag of
     * words), or null when the text has no term left after analysis (only stop words). User text
     * is never parsed as query syntax.
     */
    static Query words(Analyzer analyzer, String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream ts = analyzer.tokenStream(ChunkFields.BODY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (counts.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int room = IndexSearcher.getMaxClauseCount() - 1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (room-- == 0) {
                break;
            }
            Query t = new TermQuery(new Term(ChunkFields.BODY, e.getKey()));
            b.add(e.getValue() == 1 ? t : new BoostQuery(t, e.getValue()), Occur.SHOULD);
        }
        return b.build();
    }

    /** The query's words under the filter (null for none): the filter restricts, it does not score. */
    static Query filteredWords(Query words, Query filter) {
        if (filter == null) {
            return words;
        }
        return new BooleanQuery.Builder()
                .add(words, Occur.MUST)
                .add(filter, Occur.FILTER)
                .build();
    }

    /** The {@code depth} chunks nearest to the vector (made unit length) that pass the filter (null for none). */
    static Query nearest(float[] vector, int depth, Query filter) {
        return new KnnFloatVectorQuery(ChunkFields.VECTOR, UnitVectors.unit(vector), depth, filter);
    }
}
