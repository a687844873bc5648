package dev.noesis.lab.model;

import dev.noesis.lab.world.Entities.Person;
import dev.noesis.lab.world.Fact;
import dev.noesis.lab.world.Relation;
import dev.noesis.lab.world.World;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Training in answering from evidence: one-hop questions about people of a second world (the
 * drill world, same generator, another seed), each in the {@code rag} pipeline's prompt with the
 * person's page among other pages. Every item draws the person's birthplace, employer and birth
 * year afresh (places and companies of both worlds, years as the world's), so no drill fact can
 * be learnt by heart: reading the answer off the evidence is the only way to lower the loss on
 * them. That is the skill {@code rag} needs on the main world's held-out facts, which appear in no
 * training item at all. (A first version drew each drill person's facts once; a model trained for
 * 800 steps memorised them and answered held-out questions from memory, 3% with evidence against
 * 8% without, measured.) People whose names the main world also uses are left out.
 */
public final class EvidenceDrills {

    /** Most passages in one prompt: the {@code rag} pipeline's retriever brings five. */
    static final int MAX_PASSAGES = 5;

    private EvidenceDrills() {}

    /** The drill world of {@code world}: as many people (at least 200), another seed. */
    public static World drillWorld(World world) {
        return World.generate(
                world.seed() * 1_000_003L + 17, Math.max(200, world.people().size()));
    }

    /**
     * {@code count} drill items, deterministic from the world and {@code seed}: passages one to
     * five, the subject's page first half of the time (the retriever usually ranks it first),
     * elsewhere otherwise.
     */
    public static List<LabTraining.Item> items(World world, LabPrompts prompts, long seed, int count) {
        World drill = drillWorld(world);
        Set<String> taken = new HashSet<>();
        world.people().forEach(p -> taken.add(p.name()));
        List<String> names = drill.people().stream()
                .map(Person::name)
                .filter(n -> !taken.contains(n))
                .toList();
        List<String> cities = new ArrayList<>();
        List<String> companies = new ArrayList<>();
        for (World w : List.of(world, drill)) {
            w.cities().forEach(c -> cities.add(c.name()));
            w.companies().forEach(c -> companies.add(c.name()));
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<LabTraining.Item> out = new ArrayList<>();
        Relation[] asked = {Relation.BORN_IN, Relation.WORKS_FOR, Relation.BIRTH_YEAR};
        while (out.size() < count) {
            int k = 1 + random.nextInt(MAX_PASSAGES);
            List<Person> shown = new ArrayList<>();
            Set<String> used = new HashSet<>();
            while (shown.size() < k) {
                String name = names.get(random.nextInt(names.size()));
                if (used.add(name)) {
                    shown.add(new Person(
                            name,
                            cities.get(random.nextInt(cities.size())),
                            companies.get(random.nextInt(companies.size())),
                            1940 + random.nextInt(60),
                            false));
                }
            }
            // The subject: first half of the time, anywhere otherwise.
            Person subject = shown.get(random.nextBoolean() ? 0 : random.nextInt(k));
            Relation relation = asked[random.nextInt(asked.length)];
            String answer = switch (relation) {
                case BORN_IN -> subject.birthCity();
                case WORKS_FOR -> subject.employer();
                default -> Integer.toString(subject.birthYear());
            };
            String question = World.oneHopQuestion(new Fact(subject.name(), relation, answer, false));
            List<String> passages =
                    shown.stream().map(p -> LabPrompts.passage(World.page(p))).toList();
            out.add(LabTraining.Item.of(prompts.rag(LabTraining.asked(question), passages), answer));
        }
        return out;
    }
}
