package dev.noesis.retrieval.index;

import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * One search over one searcher: the rankings its mode runs (BM25, dense, or both read
 * {@link FusionSettings#candidates()} deep and fused by reciprocal rank), made into passages that
 * say how each ranking placed them. BM25 parts carry the BM25 score, dense parts the cosine.
 */
final class RankedSearch {

    private static final String BM25 = "bm25";
    private static final String DENSE = "dense";

    private RankedSearch() {}

    /** @param vector the query's embedding when the mode needs one, else ignored */
    static List<Passage> run(
            IndexSearcher searcher,
            Analyzer analyzer,
            RetrievalQuery query,
            SearchMode mode,
            FusionSettings fusion,
            float[] vector)
            throws IOException {
        Query filter = FilterQuery.of(query.filters(), searcher.getIndexReader());
        int depth = mode == SearchMode.HYBRID ? Math.max(query.k(), fusion.candidates()) : query.k();
        List<ScoreDoc> bm25 =
                mode != SearchMode.DENSE ? bm25(searcher, analyzer, query.text(), filter, depth) : List.of();
        List<ScoreDoc> dense = mode != SearchMode.BM25 ? dense(searcher, vector, filter, depth) : List.of();
        StoredFields stored = searcher.storedFields();
        List<Passage> out = new ArrayList<>(query.k());
        switch (mode) {
            case BM25 -> {
                for (int i = 0; i < bm25.size(); i++) {
                    ScoreDoc h = bm25.get(i);
                    out.add(ChunkFields.passage(
                            stored, h.doc, h.score, List.of(new Passage.Part(BM25, i + 1, h.score))));
                }
            }
            case DENSE -> {
                for (int i = 0; i < dense.size(); i++) {
                    ScoreDoc h = dense.get(i);
                    double cos = UnitVectors.cosine(h.score);
                    out.add(ChunkFields.passage(stored, h.doc, cos, List.of(new Passage.Part(DENSE, i + 1, cos))));
                }
            }
            case HYBRID -> {
                Map<Integer, ScoreDoc> bm25ByDoc = byDoc(bm25);
                Map<Integer, ScoreDoc> denseByDoc = byDoc(dense);
                List<ReciprocalRankFusion.Fused<Integer>> fused = ReciprocalRankFusion.fuse(
                        fusion.k(),
                        List.of(
                                new ReciprocalRankFusion.Ranking<>(
                                        BM25,
                                        fusion.bm25Weight(),
                                        bm25.stream().map(h -> h.doc).toList()),
                                new ReciprocalRankFusion.Ranking<>(
                                        DENSE,
                                        fusion.denseWeight(),
                                        dense.stream().map(h -> h.doc).toList())),
                        query.k());
                for (ReciprocalRankFusion.Fused<Integer> f : fused) {
                    List<Passage.Part> parts = new ArrayList<>(2);
                    Integer r = f.ranks().get(BM25);
                    if (r != null) {
                        parts.add(new Passage.Part(BM25, r, bm25ByDoc.get(f.item()).score));
                    }
                    r = f.ranks().get(DENSE);
                    if (r != null) {
                        parts.add(new Passage.Part(DENSE, r, UnitVectors.cosine(denseByDoc.get(f.item()).score)));
                    }
                    out.add(ChunkFields.passage(stored, f.item(), f.score(), parts));
                }
            }
        }
        return out;
    }

    private static List<ScoreDoc> bm25(IndexSearcher searcher, Analyzer analyzer, String text, Query filter, int depth)
            throws IOException {
        Query words = RankingQueries.words(analyzer, text);
        if (words == null) {
            return List.of();
        }
        return List.of(searcher.search(RankingQueries.filteredWords(words, filter), depth).scoreDocs);
    }

    private static List<ScoreDoc> dense(IndexSearcher searcher, float[] vector, Query filter, int depth)
            throws IOException {
        return List.of(searcher.search(RankingQueries.nearest(vector, depth, filter), depth).scoreDocs);
    }

    private static Map<Integer, ScoreDoc> byDoc(List<ScoreDoc> hits) {
        Map<Integer, ScoreDoc> m = new HashMap<>(hits.size() * 2);
        for (ScoreDoc h : hits) {
            m.put(h.doc, h);
        }
        return m;
    }
}
