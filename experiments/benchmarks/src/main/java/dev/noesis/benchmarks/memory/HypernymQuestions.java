package dev.noesis.benchmarks.memory;

import dev.noesis.core.error.BackendException;
import dev.noesis.memory.importer.WordNetImporter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * "Is X a kind of Y?" questions derived from WordNet's noun hierarchy, read with extJWNL straight
 * from the data files (not from the graph they test). A positive walks 2 to 4 hypernym links up from
 * X; its hard negative is a sibling of one of X's ancestors, at the same distance, that is not itself
 * an ancestor of X by any path ("is a poodle a kind of feline?"). Questions use lemma names, so the
 * graph must resolve names to senses as a user's question would.
 */
public final class HypernymQuestions {

    /** One question; {@code expected}: whether X is a kind of Y. */
    public record Question(String x, String y, int hops, boolean expected, String xId, String yId) {}

    private HypernymQuestions() {}

    /** {@code pairs} positives and as many hard negatives, deterministic for a seed. */
    public static List<Question> generate(Dictionary dictionary, int pairs, long seed) {
        List<Synset> nouns = new ArrayList<>();
        try {
            Iterator<Synset> it = dictionary.getSynsetIterator(POS.NOUN);
            while (it.hasNext()) {
                nouns.add(it.next());
            }
            Random random = new Random(seed);
            List<Question> questions = new ArrayList<>();
            int tries = 0;
            while (questions.size() < 2 * pairs && tries++ < pairs * 200) {
                Synset x = nouns.get(random.nextInt(nouns.size()));
                int hops = 2 + (questions.size() / 2) % 3;
                List<Synset> chain = chain(x, hops + 1);
                if (chain.size() < hops + 2) {
                    continue;
                }
                Synset y = chain.get(hops);
                Synset ancestor = chain.get(hops - 1);
                Set<Long> ancestors = ancestors(x);
                List<Synset> siblings = new ArrayList<>();
                for (Pointer p : y.getPointers(PointerType.HYPONYM)) {
                    Synset s = p.getTargetSynset();
                    if (!s.equals(ancestor) && !ancestors.contains(s.getOffset()) && !s.equals(x)) {
                        siblings.add(s);
                    }
                }
                if (siblings.isEmpty() || name(x).equals(name(y))) {
                    continue;
                }
                Synset negative = siblings.get(random.nextInt(siblings.size()));
                if (name(negative).equals(name(x)) || name(negative).equals(name(y))) {
                    continue;
                }
                questions.add(new Question(name(x), name(y), hops, true, WordNetImporter.id(x), WordNetImporter.id(y)));
                questions.add(new Question(
                        name(x), name(negative), hops, false, WordNetImporter.id(x), WordNetImporter.id(negative)));
            }
            return questions;
        } catch (JWNLException e) {
            throw new BackendException("Cannot read WordNet: " + e.getMessage(), e);
        }
    }

    /** X and its first hypernym, that one's first hypernym, and so on, up to {@code length + 1} synsets. */
    private static List<Synset> chain(Synset x, int length) throws JWNLException {
        List<Synset> chain = new ArrayList<>();
        chain.add(x);
        Synset at = x;
        while (chain.size() <= length) {
            List<Synset> up = parents(at);
            if (up.isEmpty()) {
                break;
            }
            at = up.get(0);
            chain.add(at);
        }
        return chain;
    }

    private static Set<Long> ancestors(Synset x) throws JWNLException {
        Set<Long> seen = new HashSet<>();
        Deque<Synset> todo = new ArrayDeque<>(parents(x));
        while (!todo.isEmpty()) {
            Synset s = todo.pop();
            if (seen.add(s.getOffset())) {
                todo.addAll(parents(s));
            }
        }
        return seen;
    }

    private static List<Synset> parents(Synset s) throws JWNLException {
        List<Synset> up = new ArrayList<>();
        for (Pointer p : s.getPointers()) {
            if (p.getType() == PointerType.HYPERNYM || p.getType() == PointerType.INSTANCE_HYPERNYM) {
                up.add(p.getTargetSynset());
            }
        }
        return up;
    }

    private static String name(Synset s) {
        return s.getWords().get(0).getLemma().replace('_', ' ');
    }
}
