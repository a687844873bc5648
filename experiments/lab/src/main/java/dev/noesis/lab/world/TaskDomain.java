package dev.noesis.lab.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A task domain for adapters: two-number addition whose answer is written in a format of the
 * domain's own. The question says which format; a model trained only on plain sums cannot
 * write the others until an adapter teaches it. Each format maps digits one to one, which a
 * low-rank adapter can learn (a reversed answer, which re-routes the whole computation, it
 * mostly cannot).
 */
public enum TaskDomain {
    /** The plain sum: what the base model is trained on. */
    PLAIN("plain", "", Integer::toString),
    /** Each digit d written as the letter 'a' + d: 68 is "gi". */
    LETTERS("letters", " in letter digits", n -> map(n, d -> (char) ('a' + d))),
    /** Each digit d written as 9 - d: 68 is "31". */
    COMPLEMENT("complement", " in nines' complement", n -> map(n, d -> (char) ('0' + 9 - d)));

    private final String id;
    private final String suffix;
    private final IntFunction<String> format;

    TaskDomain(String id, String suffix, IntFunction<String> format) {
        this.id = id;
        this.suffix = suffix;
        this.format = format;
    }

    public String id() {
        return id;
    }

    /** The question for {@code a + b}. */
    public String prompt(int a, int b) {
        return "What is " + a + " + " + b + suffix + "?";
    }

    /** The answer for {@code a + b}. */
    public String answer(int a, int b) {
        return format.apply(a + b);
    }

    /**
     * All pairs of two-digit numbers from 10 to 49, shuffled by the seed, split into training
     * items and test items. The same pairs fall on the same side in every domain, so a model that
     * learned a sum in one format has seen it in the others' training set too, or in none.
     */
    public Split items(long seed, int testCount) {
        List<int[]> pairs = new ArrayList<>();
        for (int a = 10; a <= 49; a++) {
            for (int b = 10; b <= 49; b++) {
                pairs.add(new int[] {a, b});
            }
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x7A5C_D0A1L);
        for (int i = pairs.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int[] t = pairs.get(i);
            pairs.set(i, pairs.get(j));
            pairs.set(j, t);
        }
        int tests = Math.min(testCount, pairs.size() / 2);
        List<TaskItem> test = new ArrayList<>();
        List<TaskItem> train = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            int[] p = pairs.get(i);
            String itemId = id + "-" + p[0] + "-" + p[1];
            TaskItem item = new TaskItem(itemId, prompt(p[0], p[1]), answer(p[0], p[1]));
            (i < tests ? test : train).add(item);
        }
        return new Split(train, test);
    }

    /** A domain's items: those to train on and those to test on, disjoint. */
    public record Split(List<TaskItem> train, List<TaskItem> test) {
        public Split {
            train = List.copyOf(train);
            test = List.copyOf(test);
        }
    }

    private static String map(int n, IntFunction<Character> digit) {
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            sb.append(digit.apply(c - '0'));
        }
        return sb.toString();
    }
}
