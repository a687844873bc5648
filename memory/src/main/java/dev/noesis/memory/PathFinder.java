package dev.noesis.memory;

import dev.noesis.core.memory.MemoryEdge;
import dev.noesis.core.memory.MemoryPath;
import dev.noesis.core.memory.Relation;
import dev.noesis.memory.graph.Graph;
import dev.noesis.memory.graph.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;

/**
 * Answers "is X a kind of Y?" from the graph alone: every concept named X (all senses) and every
 * concept named Y, and the shortest chain of current {@code IS_A} edges (none a later fact superseded)
 * through concepts that are not archived.
 */
public final class PathFinder {

    /** Longest chain searched. WordNet's deepest noun chains are about 20 links; questions ask for far fewer. */
    public static final int MAX_HOPS = 12;

    private static final String SHORTEST = """
            MATCH (a:Concept {normName: $x}) WHERE NOT a:Archived
            WITH collect(a)[..50] AS starts
            MATCH (b:Concept {normName: $y}) WHERE NOT b:Archived
            WITH starts, collect(b)[..50] AS ends
            UNWIND starts AS a
            UNWIND ends AS b
            MATCH p = shortestPath((a)-[:IS_A*1..12]->(b))
            WHERE length(p) <= $hops
              AND all(r IN relationships(p) WHERE r.validTo IS NULL)
              AND all(n IN nodes(p) WHERE NOT n:Archived)
            RETURN p ORDER BY length(p) LIMIT 1
            """;

    private final Graph graph;

    PathFinder(Graph graph) {
        this.graph = graph;
    }

    /** A chain of IS_A edges with the names of the concepts along it (one more name than edges). */
    public record ConceptPath(MemoryPath path, List<String> names) {
        public String render() {
            StringBuilder b = new StringBuilder(names.get(0));
            for (int i = 0; i < path.edges().size(); i++) {
                b.append(" -").append(path.edges().get(i).label()).append("-> ").append(names.get(i + 1));
            }
            return b.toString();
        }
    }

    /** The shortest IS_A chain from a concept named {@code x} to one named {@code y}, within {@code maxHops}. */
    public Optional<ConceptPath> isA(String x, String y, int maxHops) {
        List<Record> rows = graph.query(
                SHORTEST,
                Map.of("x", Names.normalise(x), "y", Names.normalise(y), "hops", Math.min(maxHops, MAX_HOPS)));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Path p = rows.get(0).get("p").asPath();
        List<MemoryEdge> edges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        names.add(p.start().get("name").asString());
        for (Path.Segment s : p) {
            Node from = s.start();
            Node to = s.end();
            edges.add(new MemoryEdge(
                    from.get("id").asString(),
                    Relation.IS_A,
                    to.get("id").asString(),
                    s.relationship().get("label").asString("is a"),
                    s.relationship().get("weight").asDouble(1.0),
                    s.relationship().get("source").asString("")));
            names.add(to.get("name").asString());
        }
        return Optional.of(new ConceptPath(
                new MemoryPath(p.start().get("id").asString(), p.end().get("id").asString(), edges), names));
    }
}
