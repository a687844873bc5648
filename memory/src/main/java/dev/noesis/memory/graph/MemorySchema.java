package dev.noesis.memory.graph;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.Remedy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;

/**
 * The memory graph's schema: uniqueness constraints, lookup indexes, a fulltext index over names
 * and texts, and a vector index per embedded label. Created idempotently ({@code IF NOT EXISTS})
 * and recorded with a version in a {@code (:NoesisSchema {name: 'memory'})} node, so that a later
 * Noesis can migrate a graph an earlier one wrote.
 *
 * <p>The vector indexes take their dimensions from the embedder. The schema node also records which
 * embedder wrote the vectors: vectors of two models are not comparable, so a graph embedded by one
 * refuses another until it is re-embedded (the refusal names {@link Remedy.Action#REEMBED_MEMORY}).
 */
public final class MemorySchema {

    /**
     * Version 1: the first schema. Version 2: identity keys that keep signs and symbols ({@link Names};
     * {@link IdentityMigration} splits what version 1 joined). Raise it with a migration step in {@link #migrate}.
     */
    public static final int VERSION = 2;

    public static final String FULLTEXT_INDEX = "memory_text";
    public static final String CONCEPT_VECTOR_INDEX = "concept_embedding";
    public static final String FACT_VECTOR_INDEX = "fact_embedding";

    private static final List<String> VERSION_1 = List.of(
            "CREATE CONSTRAINT concept_id IF NOT EXISTS FOR (n:Concept) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT fact_id IF NOT EXISTS FOR (n:Fact) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT episode_id IF NOT EXISTS FOR (n:Episode) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT source_uri IF NOT EXISTS FOR (n:Source) REQUIRE n.uri IS UNIQUE",
            "CREATE INDEX concept_norm_name IF NOT EXISTS FOR (n:Concept) ON (n.normName)",
            "CREATE INDEX fact_key IF NOT EXISTS FOR (n:Fact) ON (n.key)",
            "CREATE INDEX fact_subject_predicate IF NOT EXISTS FOR (n:Fact) ON (n.subjectId, n.predicateKey)",
            // One field: every node's text holds its name too. Indexing the name separately doubled the
            // import time of WordNet for little gain in ranking.
            "CREATE FULLTEXT INDEX " + FULLTEXT_INDEX + " IF NOT EXISTS FOR (n:Concept|Fact|Episode) ON EACH [n.text]"
                    + " OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}");

    private static final String VECTOR_INDEX = "CREATE VECTOR INDEX %s IF NOT EXISTS FOR (n:%s) ON n.embedding"
            + " OPTIONS {indexConfig: {`vector.dimensions`: $dimensions, `vector.similarity_function`: 'cosine'}}";

    private MemorySchema() {}

    /** What the schema node says. */
    public record State(int version, Optional<String> embedder, int dimensions) {}

    public static State state(Graph graph) {
        List<Record> rows = graph.query(
                "MATCH (s:NoesisSchema {name: 'memory'}) RETURN s.version AS version,"
                        + " s.embedder AS embedder, coalesce(s.dimensions, 0) AS dimensions",
                Map.of());
        if (rows.isEmpty()) {
            return new State(0, Optional.empty(), 0);
        }
        Record r = rows.get(0);
        return new State(
                r.get("version").asInt(),
                Optional.ofNullable(r.get("embedder").asString(null)),
                r.get("dimensions").asInt());
    }

    /**
     * Brings the schema to {@link #VERSION} and makes sure the vector indexes fit {@code dimensions}
     * (0: no embedder, no vector indexes yet). Cheap when nothing is to do.
     */
    public static void ensure(Graph graph, String embedder, int dimensions) {
        State state = state(graph);
        if (state.version() > VERSION) {
            throw new InvalidInputException("This memory graph has schema version " + state.version()
                    + ", written by a newer Noesis than this one (which knows version " + VERSION
                    + "): upgrade Noesis.");
        }
        if (state.embedder().isPresent()
                && dimensions > 0
                && (!state.embedder().get().equals(embedder) || state.dimensions() != dimensions)) {
            throw new InvalidInputException(
                    "Memory's vectors come from the embedder "
                            + state.embedder().get() + " ("
                            + state.dimensions() + " dimensions), not from the configured " + embedder + " ("
                            + dimensions
                            + "): vectors of two models cannot be compared. Embed everything again with " + embedder
                            + ", or configure " + state.embedder().get() + ".",
                    Remedy.of(Remedy.Action.REEMBED_MEMORY));
        }
        boolean indexesFit = state.dimensions() == dimensions || dimensions == 0;
        if (state.version() == VERSION && indexesFit) {
            return;
        }
        migrate(graph, state.version());
        if (!indexesFit) {
            // No vectors exist yet (the check above), so indexes of other dimensions can simply go.
            dropVectorIndexes(graph);
            createVectorIndexes(graph, dimensions);
        }
        graph.execute(
                "MERGE (s:NoesisSchema {name: 'memory'}) SET s.version = $version,"
                        + " s.dimensions = CASE WHEN $dimensions > 0 THEN $dimensions ELSE s.dimensions END",
                Map.of("version", VERSION, "dimensions", dimensions));
        graph.execute("CALL db.awaitIndexes(300)", Map.of());
    }

    /** Records the embedder whose vectors the graph now holds (the embedding stage calls it before writing any). */
    public static void recordEmbedder(Graph graph, String embedder, int dimensions) {
        graph.execute(
                "MERGE (s:NoesisSchema {name: 'memory'}) SET s.embedder = $embedder, s.dimensions = $dimensions",
                Map.of("embedder", embedder, "dimensions", dimensions));
    }

    /** Removes every vector and the vector indexes, then creates them for {@code dimensions}. */
    public static void resetVectors(Graph graph, int dimensions) {
        dropVectorIndexes(graph);
        for (String label : List.of("Concept", "Fact")) {
            // In batches, so that a graph of any size fits the transaction memory.
            graph.autoCommit(
                    "MATCH (n:" + label + ") WHERE n.embedding IS NOT NULL"
                            + " CALL (n) { REMOVE n.embedding } IN TRANSACTIONS OF 10000 ROWS",
                    Map.of());
        }
        graph.execute(
                "MATCH (s:NoesisSchema {name: 'memory'}) REMOVE s.embedder SET s.dimensions = $dimensions",
                Map.of("dimensions", dimensions));
        createVectorIndexes(graph, dimensions);
        graph.execute("CALL db.awaitIndexes(300)", Map.of());
    }

    private static void migrate(Graph graph, int from) {
        if (from < 1) {
            for (String statement : VERSION_1) {
                graph.execute(statement, Map.of());
            }
        }
        if (from == 1) {
            // A new graph (version 0) has nothing written with version 1's keys.
            IdentityMigration.run(graph);
        }
    }

    private static void dropVectorIndexes(Graph graph) {
        graph.execute("DROP INDEX " + CONCEPT_VECTOR_INDEX + " IF EXISTS", Map.of());
        graph.execute("DROP INDEX " + FACT_VECTOR_INDEX + " IF EXISTS", Map.of());
    }

    private static void createVectorIndexes(Graph graph, int dimensions) {
        graph.execute(String.format(VECTOR_INDEX, CONCEPT_VECTOR_INDEX, "Concept"), Map.of("dimensions", dimensions));
        graph.execute(String.format(VECTOR_INDEX, FACT_VECTOR_INDEX, "Fact"), Map.of("dimensions", dimensions));
    }
}
