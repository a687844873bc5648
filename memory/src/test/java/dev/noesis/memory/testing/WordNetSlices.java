package dev.noesis.memory.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

/** Parts of WordNet small enough for a test to import in seconds, shared with the benchmarks' tests. */
public final class WordNetSlices {

    private WordNetSlices() {}

    /** The offsets of every kind of dog (hyponyms and instances, all the way down) and of everything above a dog. */
    public static Set<Long> dogs(Dictionary dictionary) throws JWNLException {
        IndexWord dog = dictionary.getIndexWord(POS.NOUN, "dog");
        Synset domesticDog = dog.getSenses().get(0);
        Set<Long> slice = new HashSet<>();
        Deque<Synset> down = new ArrayDeque<>(List.of(domesticDog));
        while (!down.isEmpty()) {
            Synset s = down.pop();
            if (slice.add(s.getOffset())) {
                for (Pointer p : s.getPointers()) {
                    if (p.getType() == PointerType.HYPONYM || p.getType() == PointerType.INSTANCES_HYPONYM) {
                        down.push(p.getTargetSynset());
                    }
                }
            }
        }
        Deque<Synset> up = new ArrayDeque<>(List.of(domesticDog));
        while (!up.isEmpty()) {
            for (Pointer p : up.pop().getPointers(PointerType.HYPERNYM)) {
                if (slice.add(p.getTargetOffset())) {
                    up.push(p.getTargetSynset());
                }
            }
        }
        return slice;
    }
}
