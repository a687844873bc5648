package dev.noesis.retrieval.index;

import dev.noesis.core.error.InvalidInputException;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * How an index analyses and scores text. The analyzer is recorded in the index: it must be the
 * same at search time as at indexing time.
 *
 * @param analyzer {@code english} (Lucene's EnglishAnalyzer: stop words, possessives, Porter
 *                 stemming) or {@code standard} (no stemming, no stop words)
 * @param k1       BM25 term-frequency saturation
 * @param b        BM25 length normalisation
 * @param fusion   the default fusion for hybrid searches
 */
public record IndexSettings(String analyzer, float k1, float b, FusionSettings fusion) {

    /** BM25 with Anserini's k1 = 0.9, b = 0.4 (the BEIR baselines) over English text. */
    public static final IndexSettings DEFAULTS = new IndexSettings("english", 0.9f, 0.4f, FusionSettings.DEFAULTS);

    public IndexSettings {
        analyzer = analyzer.strip().toLowerCase(Locale.ROOT);
        if (!analyzer.equals("english") && !analyzer.equals("standard")) {
            throw new InvalidInputException("Unknown analyzer '" + analyzer + "'; use english or standard.");
        }
        if (!(k1 >= 0) || !(b >= 0 && b <= 1)) {
            throw new InvalidInputException("BM25 needs k1 >= 0 and 0 <= b <= 1; got k1=" + k1 + ", b=" + b + ".");
        }
    }

    public IndexSettings withAnalyzer(String name) {
        return new IndexSettings(name, k1, b, fusion);
    }

    public IndexSettings withBm25(float newK1, float newB) {
        return new IndexSettings(analyzer, newK1, newB, fusion);
    }

    public IndexSettings withFusion(FusionSettings f) {
        return new IndexSettings(analyzer, k1, b, f);
    }

    Analyzer newAnalyzer() {
        return analyzer.equals("english") ? new EnglishAnalyzer() : new StandardAnalyzer();
    }
}
