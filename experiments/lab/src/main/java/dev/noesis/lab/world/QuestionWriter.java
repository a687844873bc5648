package dev.noesis.lab.world;

import dev.noesis.lab.world.Entities.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Writes a world's questions from its facts: each gold answer follows from the listed evidence. */
final class QuestionWriter {

    private final World world;
    private final SplittableRandom random;
    private final List<Question> out = new ArrayList<>();
    private int trainedCount;
    private int heldOutCount;

    QuestionWriter(World world, SplittableRandom random) {
        this.world = world;
        this.random = random;
    }

    List<Question> all() {
        for (Fact f : world.facts()) {
            add(Question.ONE_HOP, oneHop(f), f.object(), List.of(f));
        }
        for (Person p : world.people()) {
            Fact born = world.fact(p.name(), Relation.BORN_IN);
            Fact country = world.fact(born.object(), Relation.LOCATED_IN);
            add(
                    Question.TWO_HOP,
                    "In which country was " + p.name() + " born?",
                    country.object(),
                    List.of(born, country));
            Fact works = world.fact(p.name(), Relation.WORKS_FOR);
            Fact hq = world.fact(works.object(), Relation.HEADQUARTERED_IN);
            if (hq.object().equals(p.birthCity())) {
                continue; // "born in" alone would give the answer: not a two-hop question
            }
            add(
                    Question.TWO_HOP,
                    "In which city is the company " + p.name() + " works for headquartered?",
                    hq.object(),
                    List.of(works, hq));
        }
        pairs(true);
        pairs(false);
        return out;
    }

    /** Comparison and arithmetic questions over pairs of people from the same side of the split. */
    private void pairs(boolean trained) {
        List<Person> group = new ArrayList<>(
                world.people().stream().filter(p -> p.heldOut() != trained).toList());
        for (int i = group.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Person t = group.get(i);
            group.set(i, group.get(j));
            group.set(j, t);
        }
        for (int i = 0; i + 1 < group.size(); i += 2) {
            Person a = group.get(i);
            Person b = group.get(i + 1);
            if (a.birthYear() == b.birthYear()) {
                continue; // neither is earlier
            }
            Person older = a.birthYear() < b.birthYear() ? a : b;
            Person younger = older == a ? b : a;
            List<Fact> evidence =
                    List.of(world.fact(a.name(), Relation.BIRTH_YEAR), world.fact(b.name(), Relation.BIRTH_YEAR));
            add(
                    Question.COMPARISON,
                    "Who was born earlier, " + a.name() + " or " + b.name() + "?",
                    older.name(),
                    evidence);
            add(
                    Question.ARITHMETIC,
                    "How many years after " + older.name() + " was " + younger.name() + " born?",
                    Integer.toString(younger.birthYear() - older.birthYear()),
                    evidence);
        }
    }

    static String oneHop(Fact f) {
        return switch (f.relation()) {
            case BORN_IN -> "Where was " + f.subject() + " born?";
            case WORKS_FOR -> "Which company does " + f.subject() + " work for?";
            case BIRTH_YEAR -> "In which year was " + f.subject() + " born?";
            case LOCATED_IN -> "In which country is " + f.subject() + "?";
            case HEADQUARTERED_IN -> "In which city is " + f.subject() + " headquartered?";
            case FOUNDED_IN -> "In which year was " + f.subject() + " founded?";
        };
    }

    private void add(String category, String question, String answer, List<Fact> evidence) {
        boolean trained = evidence.stream().allMatch(Fact::trained);
        int n = trained ? ++trainedCount : ++heldOutCount;
        String id = String.format("%s-%s-%05d", category, trained ? "t" : "h", n);
        out.add(new Question(id, question, List.of(answer), category, trained, evidence));
    }
}
