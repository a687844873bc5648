package dev.noesis.core.memory;

/** The kinds of nodes in the memory graph. */
public enum NodeKind {
    /** A thing or idea, with a name (a WordNet synset, an entity from a fact). */
    CONCEPT,
    /** A statement (subject, predicate, object) with its validity and confidence. */
    FACT,
    /** A run that was remembered. */
    EPISODE,
    /** A document or data set that facts come from. */
    SOURCE
}
