package dev.noesis.lab.world;

/** The relations a world's facts use, with the predicate text the triples carry. */
public enum Relation {
    BORN_IN("born in"),
    WORKS_FOR("works for"),
    BIRTH_YEAR("birth year"),
    LOCATED_IN("located in"),
    HEADQUARTERED_IN("headquartered in"),
    FOUNDED_IN("founded in");

    private final String predicate;

    Relation(String predicate) {
        this.predicate = predicate;
    }

    /** The predicate as written in {@code triples.jsonl}. */
    public String predicate() {
        return predicate;
    }
}
