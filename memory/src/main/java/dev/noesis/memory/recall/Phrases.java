package dev.noesis.memory.recall;

import dev.noesis.core.memory.Relation;

/** Edges in words, for statements a model reads ("dog | is a | canine"). */
final class Phrases {

    private Phrases() {}

    static String predicate(Relation relation, String label) {
        return switch (relation) {
            case IS_A ->
                label.startsWith("instance")
                        ? "is an instance of"
                        : label.equals("hypernym") || label.equals("is_a") ? "is a" : label;
            case PART_OF ->
                switch (label) {
                    case "part holonym", "part meronym" -> "is part of";
                    case "member holonym", "member meronym" -> "is a member of";
                    case "substance holonym", "substance meronym" -> "is a substance of";
                    default -> label;
                };
            case RELATED_TO -> label.equals("antonym") ? "is the opposite of" : label;
            case MENTIONS -> "mentions";
            case SUPERSEDES -> "replaced";
            case SUPPORTS -> "supports";
            case CONTRADICTS -> "contradicts";
            case DERIVED_FROM -> "comes from";
            case ABOUT -> "is about";
        };
    }
}
