package dev.noesis.core.memory;

/** The kinds of edges in the memory graph. */
public enum Relation {
    /** A concept is a kind (or an instance) of another. */
    IS_A,
    /** A concept is a part, member or substance of another. */
    PART_OF,
    /** Any other link between concepts, weighted; facts between concepts appear as this, with their predicate. */
    RELATED_TO,
    /** A fact is about a concept (its subject or object). */
    ABOUT,
    /** A fact supports another. */
    SUPPORTS,
    /** A fact contradicts another. */
    CONTRADICTS,
    /** A fact comes from a source or an episode. */
    DERIVED_FROM,
    /** An episode mentions a concept. */
    MENTIONS,
    /** A fact replaced another, which was closed at that time. */
    SUPERSEDES
}
