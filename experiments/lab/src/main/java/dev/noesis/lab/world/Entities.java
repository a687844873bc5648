package dev.noesis.lab.world;

/** The entities of a world. Every name is unique across all of them. */
public final class Entities {

    private Entities() {}

    /** A country. */
    public record Country(String name) {}

    /** A city and the country it lies in. */
    public record City(String name, String country) {}

    /** A company, the city of its headquarters and the year it was founded. */
    public record Company(String name, String city, int founded) {}

    /**
     * A person.
     *
     * @param heldOut whether the model is never trained on this person's facts
     */
    public record Person(String name, String birthCity, String employer, int birthYear, boolean heldOut) {}
}
