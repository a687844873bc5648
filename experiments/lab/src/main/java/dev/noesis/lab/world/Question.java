package dev.noesis.lab.world;

import java.util.List;

/**
 * A question about a world with its gold answers and the facts it is answered from.
 *
 * @param id       stable within a world: category, split and a number
 * @param category one of {@link #ONE_HOP}, {@link #TWO_HOP}, {@link #COMPARISON}, {@link #ARITHMETIC}
 * @param trained  whether every fact in {@code evidence} is one the model is trained on
 * @param evidence the facts the answer follows from, in the order they are used
 */
public record Question(
        String id, String question, List<String> answers, String category, boolean trained, List<Fact> evidence) {

    public static final String ONE_HOP = "1-hop";
    public static final String TWO_HOP = "2-hop";
    public static final String COMPARISON = "comparison";
    public static final String ARITHMETIC = "arithmetic";

    public Question {
        answers = List.copyOf(answers);
        evidence = List.copyOf(evidence);
    }

    /** The first gold answer: the one the model is trained to give. */
    public String answer() {
        return answers.getFirst();
    }
}
