package dev.noesis.memory.write;

import dev.noesis.memory.graph.Names;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A concept to upsert.
 *
 * @param id      its stable id ({@code wn:n:02086723} for a synset, {@code c:<normalised name>} otherwise)
 * @param kind    {@code synset} (curated: never merged or decayed by consolidation) or {@code entity}
 * @param text    what is searched and embedded: names and gloss
 * @param aliases other names
 * @param source  the provenance uri of whoever wrote it first
 */
public record ConceptRow(String id, String name, String kind, String text, List<String> aliases, String source) {

    public static final String SYNSET = "synset";
    public static final String ENTITY = "entity";

    /** Longest name or text accepted: memory holds concepts, not documents. */
    public static final int MAX_NAME = 1_000;

    public static final int MAX_TEXT = 20_000;

    public ConceptRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        aliases = List.copyOf(aliases);
        if (name.length() > MAX_NAME || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a concept's name is limited to " + MAX_NAME
                    + " characters and its text to " + MAX_TEXT + "; got " + name.length() + " and " + text.length());
        }
    }

    /** A concept named in free text: its id is its normalised name. */
    public static ConceptRow entity(String name, String source) {
        String n = name.strip();
        return new ConceptRow(Names.conceptId(n), n, ENTITY, n, List.of(), source);
    }

    Map<String, Object> toParameters() {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("normName", Names.normalise(name));
        m.put("kind", kind);
        m.put("text", text);
        m.put("aliases", aliases);
        m.put("source", source);
        return m;
    }
}
