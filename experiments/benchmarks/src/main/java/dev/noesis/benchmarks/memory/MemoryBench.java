package dev.noesis.benchmarks.memory;

import dev.noesis.benchmarks.Latencies;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.PathFinder;
import dev.noesis.memory.graph.Names;
import dev.noesis.memory.importer.TwoWikiImporter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

/** The measurements behind {@code noesis memory bench}: recall latency, graph-only multi-hop, 2Wiki evidence recall. */
public final class MemoryBench {

    private MemoryBench() {}

    /**
     * Cues for recall over WordNet, deterministic for a seed: half are a synset's lemma ("violin"),
     * half the first words of a gloss ("bowed stringed instrument that is the highest member").
     */
    public static List<String> wordNetCues(Dictionary dictionary, int n, long seed) {
        List<Synset> all = new ArrayList<>();
        try {
            for (POS pos : POS.getAllPOS()) {
                Iterator<Synset> it = dictionary.getSynsetIterator(pos);
                while (it.hasNext()) {
                    all.add(it.next());
                }
            }
        } catch (JWNLException e) {
            throw new BackendException("Cannot read WordNet: " + e.getMessage(), e);
        }
        Random random = new Random(seed);
        List<String> cues = new ArrayList<>();
        while (cues.size() < n) {
            Synset s = all.get(random.nextInt(all.size()));
            if (cues.size() % 2 == 0) {
                cues.add(s.getWords().get(0).getLemma().replace('_', ' '));
            } else {
                String[] words = s.getGloss().split("[;\"]")[0].trim().split("\\s+");
                cues.add(String.join(" ", List.of(words).subList(0, Math.min(8, words.length))));
            }
        }
        return cues;
    }

    /** Times {@code cues} recalls after {@code warmup} untimed ones. Open the memory with a {@link PrecomputedEmbedder} to leave embedding out. */
    public static Latencies recallLatency(
            Neo4jMemory memory, List<String> cues, RecallOptions options, int warmup, IntConsumer progress) {
        for (int i = 0; i < warmup; i++) {
            memory.recall(cues.get(i % cues.size()), options);
        }
        long[] nanos = new long[cues.size()];
        for (int i = 0; i < cues.size(); i++) {
            long t = System.nanoTime();
            memory.recall(cues.get(i), options);
            nanos[i] = System.nanoTime() - t;
            progress.accept(i + 1);
        }
        return Latencies.ofNanos(nanos);
    }

    /** How path search in the graph answered "is X a kind of Y?" questions. */
    public record MultiHop(
            int positives,
            int positivesRight,
            int negatives,
            int negativesRight,
            Latencies latency,
            List<String> examples,
            List<String> mistakes) {
        public double accuracy() {
            return (double) (positivesRight + negativesRight) / Math.max(1, positives + negatives);
        }
    }

    /** Answers each question with the shortest IS_A path of at most {@code maxHops} between any senses of the two names. */
    public static MultiHop multiHop(
            Neo4jMemory memory, List<HypernymQuestions.Question> questions, int maxHops, IntConsumer progress) {
        PathFinder paths = memory.paths();
        int pos = 0;
        int posRight = 0;
        int neg = 0;
        int negRight = 0;
        long[] nanos = new long[questions.size()];
        List<String> examples = new ArrayList<>();
        List<String> mistakes = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            HypernymQuestions.Question q = questions.get(i);
            long t = System.nanoTime();
            Optional<PathFinder.ConceptPath> path = paths.isA(q.x(), q.y(), maxHops);
            nanos[i] = System.nanoTime() - t;
            boolean right = path.isPresent() == q.expected();
            if (q.expected()) {
                pos++;
                posRight += right ? 1 : 0;
            } else {
                neg++;
                negRight += right ? 1 : 0;
            }
            List<String> list = right ? examples : mistakes;
            if (list.size() < (right ? 3 : 10)) {
                list.add(String.format(
                        "is %s a kind of %s? %s (expected %s)%s",
                        q.x(),
                        q.y(),
                        path.isPresent() ? "yes" : "no",
                        q.expected() ? "yes" : "no",
                        path.map(p -> ": " + p.render()).orElse("")));
            }
            progress.accept(i + 1);
        }
        return new MultiHop(pos, posRight, neg, negRight, Latencies.ofNanos(nanos), examples, mistakes);
    }

    /**
     * Evidence recall on 2WikiMultihopQA: per k, the share of questions whose gold triples are all among
     * the top k statements recalled for the question, and the share of gold triples found; per
     * question type too.
     */
    public record TwoWiki(
            int questions,
            Map<Integer, Double> allGold,
            Map<Integer, Double> goldTriples,
            Map<String, Map<Integer, Double>> allGoldByType,
            Latencies latency) {}

    public static TwoWiki twoWiki(
            Neo4jMemory memory,
            List<TwoWikiImporter.Question> questions,
            List<Integer> ks,
            RecallOptions options,
            IntConsumer progress) {
        Map<Integer, Integer> all = new TreeMap<>();
        Map<Integer, Integer> triples = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byType = new TreeMap<>();
        Map<String, Integer> typeCounts = new TreeMap<>();
        long gold = 0;
        long[] nanos = new long[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            TwoWikiImporter.Question q = questions.get(i);
            long t = System.nanoTime();
            RecallResult r = memory.recall(q.question(), options);
            nanos[i] = System.nanoTime() - t;
            List<String> recalled =
                    r.statements().stream().map(MemoryBench::key).toList();
            gold += q.evidence().size();
            typeCounts.merge(q.type(), 1, Integer::sum);
            for (int k : ks) {
                List<String> top = recalled.subList(0, Math.min(k, recalled.size()));
                int found = (int) q.evidence().stream()
                        .filter(e -> top.contains(key(e.get(0), e.get(1), e.get(2))))
                        .count();
                triples.merge(k, found, Integer::sum);
                if (found == q.evidence().size()) {
                    all.merge(k, 1, Integer::sum);
                    byType.computeIfAbsent(q.type(), x -> new TreeMap<>()).merge(k, 1, Integer::sum);
                }
            }
            progress.accept(i + 1);
        }
        Map<Integer, Double> allShare = new LinkedHashMap<>();
        Map<Integer, Double> tripleShare = new LinkedHashMap<>();
        Map<String, Map<Integer, Double>> typeShare = new TreeMap<>();
        for (int k : ks) {
            allShare.put(k, all.getOrDefault(k, 0) / (double) Math.max(1, questions.size()));
            tripleShare.put(k, triples.getOrDefault(k, 0) / (double) Math.max(1, gold));
            for (String type : typeCounts.keySet()) {
                typeShare
                        .computeIfAbsent(type, x -> new LinkedHashMap<>())
                        .put(k, byType.getOrDefault(type, Map.of()).getOrDefault(k, 0) / (double) typeCounts.get(type));
            }
        }
        return new TwoWiki(questions.size(), allShare, tripleShare, typeShare, Latencies.ofNanos(nanos));
    }

    private static String key(MemoryStatement s) {
        return key(s.subject(), s.predicate(), s.object());
    }

    private static String key(String s, String p, String o) {
        return Names.normalise(s) + "|" + Names.normalise(p) + "|" + Names.normalise(o);
    }
}
