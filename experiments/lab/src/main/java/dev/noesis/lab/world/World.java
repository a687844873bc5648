package dev.noesis.lab.world;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.lab.world.Entities.City;
import dev.noesis.lab.world.Entities.Company;
import dev.noesis.lab.world.Entities.Country;
import dev.noesis.lab.world.Entities.Person;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fictional world: countries, cities in them, companies headquartered in the cities and people
 * born in a city, working for a company, born in a year. Everything follows from the seed and
 * the size; nothing in it exists outside it, so a model can know a fact only if it was shown it.
 *
 * <p>About a third of the people are held out: the model is never trained on their facts, which
 * appear only in the documents and triples. Places and companies are all trained.
 */
public final class World {

    /** Fewest and most people a world may have. */
    public static final int MIN_SIZE = 8;

    public static final int MAX_SIZE = 20_000;

    private static final double HELD_OUT_SHARE = 1.0 / 3;

    private final long seed;
    private final List<Country> countries;
    private final List<City> cities;
    private final List<Company> companies;
    private final List<Person> people;
    private final List<Fact> facts;
    private final List<Question> questions;
    private final Map<String, Fact> bySubjectAndRelation = new java.util.HashMap<>();

    private World(
            long seed,
            List<Country> countries,
            List<City> cities,
            List<Company> companies,
            List<Person> people,
            SplittableRandom random) {
        this.seed = seed;
        this.countries = List.copyOf(countries);
        this.cities = List.copyOf(cities);
        this.companies = List.copyOf(companies);
        this.people = List.copyOf(people);
        this.facts = List.copyOf(buildFacts());
        facts.forEach(f -> bySubjectAndRelation.put(key(f.subject(), f.relation()), f));
        this.questions = List.copyOf(new QuestionWriter(this, random).all());
    }

    /**
     * The world of {@code size} people for {@code seed}; the same arguments give the same world.
     *
     * @throws InvalidInputException if {@code size} is outside {@link #MIN_SIZE}..{@link #MAX_SIZE}
     */
    public static World generate(long seed, int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new InvalidInputException(
                    "A world has " + MIN_SIZE + " to " + MAX_SIZE + " people; " + size + " was asked for.");
        }
        SplittableRandom random = new SplittableRandom(seed);
        NameGenerator names = new NameGenerator(random.split());
        int countryCount = Math.max(3, size / 40);
        int cityCount = Math.max(6, size / 8);
        int companyCount = Math.max(6, size / 8);
        List<Country> countries = new ArrayList<>();
        for (int i = 0; i < countryCount; i++) {
            countries.add(new Country(names.country()));
        }
        List<City> cities = new ArrayList<>();
        for (int i = 0; i < cityCount; i++) {
            // Round robin first, so that every country has a city.
            Country c = i < countryCount ? countries.get(i) : countries.get(random.nextInt(countryCount));
            cities.add(new City(names.city(), c.name()));
        }
        List<Company> companies = new ArrayList<>();
        for (int i = 0; i < companyCount; i++) {
            City c = cities.get(random.nextInt(cityCount));
            companies.add(new Company(names.company(), c.name(), 1850 + random.nextInt(140)));
        }
        List<Person> people = new ArrayList<>();
        int heldOut = (int) Math.round(size * HELD_OUT_SHARE);
        for (int i = 0; i < size; i++) {
            people.add(new Person(
                    names.person(),
                    cities.get(random.nextInt(cityCount)).name(),
                    companies.get(random.nextInt(companyCount)).name(),
                    1940 + random.nextInt(60),
                    // Held-out people are spread over the list rather than all at its end.
                    (i * heldOut) / size != ((i + 1) * heldOut) / size));
        }
        return new World(seed, countries, cities, companies, people, random.split());
    }

    public long seed() {
        return seed;
    }

    public List<Country> countries() {
        return countries;
    }

    public List<City> cities() {
        return cities;
    }

    public List<Company> companies() {
        return companies;
    }

    public List<Person> people() {
        return people;
    }

    /** Every fact, trained and held out, in a fixed order. */
    public List<Fact> facts() {
        return facts;
    }

    /** Every question, trained and held out, in a fixed order. */
    public List<Question> questions() {
        return questions;
    }

    /** The questions whose evidence is all trained ({@code trained}) or not ({@code !trained}). */
    public List<Question> questions(boolean trained) {
        return questions.stream().filter(q -> q.trained() == trained).toList();
    }

    /** One short page per entity, keyed by a file name made of the entity's name. */
    public Map<String, String> documents() {
        Map<String, String> docs = new LinkedHashMap<>();
        for (Country c : countries) {
            List<String> in = cities.stream()
                    .filter(x -> x.country().equals(c.name()))
                    .map(City::name)
                    .toList();
            docs.put(
                    fileName(c.name()),
                    c.name() + "\n\n" + c.name() + " is a country. Its cities include " + String.join(", ", in)
                            + ".\n");
        }
        for (City c : cities) {
            docs.put(fileName(c.name()), c.name() + "\n\n" + c.name() + " is a city in " + c.country() + ".\n");
        }
        for (Company c : companies) {
            docs.put(
                    fileName(c.name()),
                    c.name() + "\n\n" + c.name() + " is a company founded in " + c.founded()
                            + ". It is headquartered in " + c.city() + ".\n");
        }
        for (Person p : people) {
            docs.put(fileName(p.name()), page(p));
        }
        return docs;
    }

    /** The page of a person, as {@link #documents()} writes it. */
    public static String page(Person p) {
        return p.name() + "\n\n" + p.name() + " was born in " + p.birthCity() + " in " + p.birthYear() + ". " + p.name()
                + " works for " + p.employer() + ".\n";
    }

    /** The one-hop question that asks for {@code f}'s object, as the world's question sets word it. */
    public static String oneHopQuestion(Fact f) {
        return QuestionWriter.oneHop(f);
    }

    private List<Fact> buildFacts() {
        List<Fact> out = new ArrayList<>();
        for (City c : cities) {
            out.add(new Fact(c.name(), Relation.LOCATED_IN, c.country(), true));
        }
        for (Company c : companies) {
            out.add(new Fact(c.name(), Relation.HEADQUARTERED_IN, c.city(), true));
            out.add(new Fact(c.name(), Relation.FOUNDED_IN, Integer.toString(c.founded()), true));
        }
        for (Person p : people) {
            boolean trained = !p.heldOut();
            out.add(new Fact(p.name(), Relation.BORN_IN, p.birthCity(), trained));
            out.add(new Fact(p.name(), Relation.WORKS_FOR, p.employer(), trained));
            out.add(new Fact(p.name(), Relation.BIRTH_YEAR, Integer.toString(p.birthYear()), trained));
        }
        return out;
    }

    /** The fact with this subject and relation (each subject has at most one per relation). */
    Fact fact(String subject, Relation relation) {
        Fact f = bySubjectAndRelation.get(key(subject, relation));
        if (f == null) {
            throw new IllegalStateException("no fact " + subject + " / " + relation.predicate());
        }
        return f;
    }

    private static String key(String subject, Relation relation) {
        return subject + '\u0000' + relation.name();
    }

    private static String fileName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".txt";
    }
}
