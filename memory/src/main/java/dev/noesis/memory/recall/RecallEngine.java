package dev.noesis.memory.recall;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.memory.MemoryEdge;
import dev.noesis.core.memory.MemoryNode;
import dev.noesis.core.memory.MemoryPath;
import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.NodeKind;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.memory.Relation;
import dev.noesis.memory.graph.Graph;
import dev.noesis.memory.graph.MemorySchema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * Recall: cue → embedding → vector seeds (concepts and facts) plus fulltext seeds → bounded
 * expansion (depth, fan-out per node, and a beam of the most promising new nodes per hop) →
 * activation spreading → the ranked subgraph, the path that explains each node, and statements.
 *
 * <p>Without vectors (before the embedding stage has run, or without an embedder) recall works
 * from fulltext seeds alone. Everything runs in one read transaction, so a recall sees one state.
 */
public final class RecallEngine {

    /** What expansion follows unless told otherwise: links between concepts, episodes' mentions, fact-to-fact links. */
    static final Set<Relation> DEFAULT_RELATIONS = EnumSet.of(
            Relation.IS_A,
            Relation.PART_OF,
            Relation.RELATED_TO,
            Relation.MENTIONS,
            Relation.SUPERSEDES,
            Relation.SUPPORTS,
            Relation.CONTRADICTS);

    /** Nodes a recall may fetch in all, whatever its options. */
    static final int MAX_FETCHED = 5_000;

    private static final Pattern TERM = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_TERMS = 64;

    /**
     * Valid at {@code $asOf}: facts by their validity, episodes by when they happened. Concepts have
     * no validity of their own: what was believed about them is in their facts.
     */
    private static final String VALID = "(x.at IS NULL OR x.at <= $asOf)"
            + " AND (x.validFrom IS NULL OR x.validFrom <= $asOf) AND (x.validTo IS NULL OR x.validTo > $asOf)";

    private static final String NODE_FIELDS = "elementId(x) AS eid, x.id AS id, labels(x) AS labels,"
            + " coalesce(x.name, x.id) AS name, coalesce(x.text, '') AS text, coalesce(x.salience, 1.0) AS salience,"
            + " x.subject AS fs, x.predicate AS fp, x.object AS fo, x.source AS fsource, x.validFrom AS ffrom, x.validTo AS fto";

    private static final String VECTOR_SEEDS = """
              CALL db.index.vector.queryNodes($conceptIndex, $k, $vector) YIELD node AS x, score
              WHERE NOT x:Archived AND %1$s
              RETURN x, score, true AS byVector
              UNION ALL
              CALL db.index.vector.queryNodes($factIndex, $k, $vector) YIELD node AS x, score
              WHERE NOT x:Archived AND %1$s
              RETURN x, score, true AS byVector
            """.formatted(VALID);

    private static final String FULLTEXT_SEEDS = """
              CALL db.index.fulltext.queryNodes($fulltextIndex, $query, {limit: $k}) YIELD node AS x, score
              WHERE NOT x:Archived AND %s
              RETURN x, score, false AS byVector
            """.formatted(VALID);

    /** All seeds in one query (one round trip): vector and fulltext, or whichever the cue allows. */
    private static final String BOTH_SEEDS = seeds(VECTOR_SEEDS + "  UNION ALL\n" + FULLTEXT_SEEDS);

    private static final String ONLY_VECTOR_SEEDS = seeds(VECTOR_SEEDS);
    private static final String ONLY_FULLTEXT_SEEDS = seeds(FULLTEXT_SEEDS);

    private static String seeds(String union) {
        return "CALL () {\n" + union + "}\nWITH x, score, byVector\nRETURN " + NODE_FIELDS + ", score, byVector";
    }

    private static final String FACT_CONCEPTS = """
            UNWIND $facts AS fid
            MATCH (f:Fact) WHERE elementId(f) = fid
            MATCH (f)-[r:ABOUT]->(x:Concept)
            WHERE NOT x:Archived
            RETURN fid, elementId(r) AS rid, %s
            """.formatted(NODE_FIELDS);

    private static final String EXPAND = """
            UNWIND $frontier AS nid
            MATCH (n) WHERE elementId(n) = nid
            CALL (n) {
              MATCH (n)-[r]-(x)
              WHERE type(r) IN $types AND NOT x:Archived AND NOT x:NoesisSchema
                AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)
                AND %s
              RETURN r, x
              ORDER BY coalesce(r.weight, 1.0) DESC, coalesce(x.salience, 1.0) DESC
              LIMIT $fanOut
            }
            RETURN nid, elementId(r) AS rid, type(r) AS type, elementId(startNode(r)) AS start,
                   coalesce(r.label, toLower(type(r))) AS label, coalesce(r.weight, 1.0) AS weight,
                   coalesce(r.source, '') AS source, r.fact AS fact, r.validFrom AS rFrom, r.validTo AS rTo, %s
            """.formatted(VALID, NODE_FIELDS);

    private final Graph graph;
    private final Optional<Embedder> embedder;

    public RecallEngine(Graph graph, Optional<Embedder> embedder) {
        this.graph = graph;
        this.embedder = embedder;
    }

    public RecallResult recall(String cue, RecallOptions options) {
        Instant asOf = options.asOf().orElseGet(Instant::now);
        Optional<float[]> vector = embedder.map(e -> e.embedQuery(cue));
        Subgraph subgraph = graph.read(tx -> fetch(tx, cue, vector, options, asOf.atOffset(ZoneOffset.UTC)));
        ActivationSpreading.spread(subgraph, options.depth() + 1);
        return result(cue, subgraph, options);
    }

    private Subgraph fetch(
            TransactionContext tx, String cue, Optional<float[]> vector, RecallOptions options, OffsetDateTime asOf) {
        Subgraph g = new Subgraph();
        Map<String, Double> factSeeds = new LinkedHashMap<>();
        String query = fulltextQuery(cue);
        // The schema creates the vector indexes whenever an embedder is configured; before the
        // embedding stage has run they are empty and give no seeds, and fulltext seeds carry recall.
        String seeds = vector.isEmpty() ? ONLY_FULLTEXT_SEEDS : query.isEmpty() ? ONLY_VECTOR_SEEDS : BOTH_SEEDS;
        if (vector.isPresent() || !query.isEmpty()) {
            Map<String, Object> params = new HashMap<>();
            params.put("conceptIndex", MemorySchema.CONCEPT_VECTOR_INDEX);
            params.put("factIndex", MemorySchema.FACT_VECTOR_INDEX);
            params.put("fulltextIndex", MemorySchema.FULLTEXT_INDEX);
            params.put("vector", vector.orElse(null));
            params.put("query", query);
            params.put("k", options.seeds());
            params.put("asOf", asOf);
            List<Record> hits = tx.run(seeds, params).list();
            double topText = hits.stream()
                    .filter(r -> !r.get("byVector").asBoolean())
                    .mapToDouble(r -> r.get("score").asDouble())
                    .max()
                    .orElse(1);
            for (Record r : hits) {
                double score = r.get("byVector").asBoolean()
                        // Neo4j reports cosine similarity as (1 + cos) / 2; below 0 cosine is no relevance.
                        ? Math.max(0, 2 * r.get("score").asDouble() - 1)
                        : r.get("score").asDouble() / topText;
                seed(g, factSeeds, r, score);
            }
        }
        if (!factSeeds.isEmpty()) {
            for (Record r : tx.run(FACT_CONCEPTS, Map.of("facts", List.copyOf(factSeeds.keySet())))
                    .list()) {
                String fact = r.get("fid").asString();
                Subgraph.Node concept = node(g, r);
                Subgraph.Edge about = new Subgraph.Edge(
                        r.get("rid").asString(),
                        fact,
                        concept.elementId,
                        Relation.ABOUT,
                        "about",
                        1.0,
                        "",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty());
                g.addEdge(about);
                double score = factSeeds.get(fact);
                if (score > concept.seedScore) {
                    concept.seedScore = score;
                    concept.parent = about;
                }
            }
        }
        expand(tx, g, options, asOf);
        return g;
    }

    private static void seed(Subgraph g, Map<String, Double> factSeeds, Record r, double score) {
        Subgraph.Node n = node(g, r);
        // Two indexes agreeing is stronger evidence than either: combine as independent chances.
        n.seedScore = 1 - (1 - n.seedScore) * (1 - Math.min(1, score));
        if (n.kind == NodeKind.FACT) {
            factSeeds.merge(n.elementId, n.seedScore, Math::max);
        }
    }

    private static Subgraph.Node node(Subgraph g, Record r) {
        String eid = r.get("eid").asString();
        Subgraph.Node known = g.node(eid);
        if (known != null) {
            return known;
        }
        Subgraph.Node n = new Subgraph.Node(
                eid,
                r.get("id").asString(eid),
                kind(r.get("labels")),
                r.get("name").asString(""),
                r.get("text").asString(""),
                r.get("salience").asDouble(1.0));
        if (n.kind == NodeKind.FACT && !r.get("fs").isNull()) {
            n.statement = new MemoryStatement(
                    r.get("fs").asString(),
                    r.get("fp").asString(),
                    r.get("fo").asString(),
                    r.get("fsource").asString(""),
                    0,
                    instant(r.get("ffrom")),
                    instant(r.get("fto")));
        }
        g.nodes.put(eid, n);
        return n;
    }

    private void expand(TransactionContext tx, Subgraph g, RecallOptions options, OffsetDateTime asOf) {
        Set<Relation> follow = options.relations().isEmpty() ? DEFAULT_RELATIONS : options.relations();
        List<String> types = follow.stream().map(Relation::name).toList();
        int beam = Math.max(options.seeds(), options.limit());
        Map<String, Double> reach = new HashMap<>();
        g.nodes.values().forEach(n -> reach.put(n.elementId, n.seedScore));
        List<String> frontier = top(reach, g.nodes.keySet(), beam);
        Set<String> expanded = new HashSet<>();
        for (int hop = 1; hop <= options.depth() && !frontier.isEmpty() && g.nodes.size() < MAX_FETCHED; hop++) {
            expanded.addAll(frontier);
            List<Record> rows = tx.run(
                            EXPAND,
                            Map.of("frontier", frontier, "types", types, "asOf", asOf, "fanOut", options.fanOut()))
                    .list();
            Set<String> discovered = new HashSet<>();
            for (Record r : rows) {
                String from = r.get("nid").asString();
                Subgraph.Node to = g.node(r.get("eid").asString());
                boolean isNew = to == null;
                if (isNew) {
                    if (g.nodes.size() >= MAX_FETCHED) {
                        continue;
                    }
                    to = node(g, r);
                    to.hop = hop;
                }
                Subgraph.Edge edge = edge(r, from, to.elementId);
                g.addEdge(edge);
                double via = reach.getOrDefault(from, 0.0) * ActivationSpreading.DECAY * edge.weight();
                if (!expanded.contains(to.elementId)
                        && to.hop == hop
                        && !to.isSeed()
                        && via > reach.getOrDefault(to.elementId, -1.0)) {
                    reach.put(to.elementId, via);
                    to.parent = edge;
                }
                if (!expanded.contains(to.elementId)) {
                    discovered.add(to.elementId);
                }
            }
            frontier = top(reach, discovered, beam);
        }
    }

    private static Subgraph.Edge edge(Record r, String from, String to) {
        String start = r.get("start").asString();
        String end = start.equals(from) ? to : from;
        return new Subgraph.Edge(
                r.get("rid").asString(),
                start,
                end,
                Relation.valueOf(r.get("type").asString()),
                r.get("label").asString(),
                r.get("weight").asDouble(),
                r.get("source").asString(),
                Optional.ofNullable(r.get("fact").asString(null)),
                instant(r.get("rFrom")),
                instant(r.get("rTo")));
    }

    private static List<String> top(Map<String, Double> reach, Set<String> candidates, int n) {
        return candidates.stream()
                .sorted(Comparator.comparingDouble((String id) -> reach.getOrDefault(id, 0.0))
                        .reversed())
                .limit(n)
                .toList();
    }

    private static RecallResult result(String cue, Subgraph g, RecallOptions options) {
        List<Subgraph.Node> ranked = g.nodes.values().stream()
                .filter(n -> n.activation > 0)
                .sorted(Comparator.comparingDouble((Subgraph.Node n) -> n.activation)
                        .reversed())
                .limit(options.limit())
                .toList();
        Map<String, Subgraph.Node> kept = new LinkedHashMap<>();
        ranked.forEach(n -> kept.put(n.elementId, n));

        List<MemoryNode> nodes = ranked.stream()
                .map(n -> new MemoryNode(n.id, n.kind, n.name, n.text, n.activation, n.isSeed()))
                .toList();
        List<MemoryEdge> edges = new ArrayList<>();
        List<MemoryStatement> statements = new ArrayList<>();
        Set<String> stated = new HashSet<>();
        for (Subgraph.Edge e : g.edges.values()) {
            Subgraph.Node a = kept.get(e.start());
            Subgraph.Node b = kept.get(e.end());
            if (a == null || b == null) {
                continue;
            }
            edges.add(memoryEdge(g, e));
            if (e.relation() != Relation.ABOUT && stated.add(e.fact().orElse(e.elementId()))) {
                statements.add(new MemoryStatement(
                        a.name,
                        Phrases.predicate(e.relation(), e.label()),
                        b.name,
                        e.source(),
                        (a.activation + b.activation) / 2,
                        e.validFrom(),
                        e.validTo()));
            }
        }
        for (Subgraph.Node n : ranked) {
            if (n.statement != null && stated.add(n.id)) {
                MemoryStatement s = n.statement;
                statements.add(new MemoryStatement(
                        s.subject(), s.predicate(), s.object(), s.source(), n.activation, s.validFrom(), s.validTo()));
            }
        }
        statements.sort(Comparator.comparingDouble(MemoryStatement::score).reversed());
        List<MemoryPath> paths = ranked.stream().map(n -> path(g, n)).toList();
        return new RecallResult(cue, nodes, edges, paths, statements);
    }

    private static MemoryPath path(Subgraph g, Subgraph.Node node) {
        List<MemoryEdge> edges = new ArrayList<>();
        Subgraph.Node at = node;
        Set<String> seen = new HashSet<>();
        while (at.parent != null && seen.add(at.elementId)) {
            edges.add(0, memoryEdge(g, at.parent));
            at = g.node(at.parent.other(at.elementId));
        }
        return new MemoryPath(at.id, node.id, edges);
    }

    private static MemoryEdge memoryEdge(Subgraph g, Subgraph.Edge e) {
        return new MemoryEdge(
                g.node(e.start()).id, e.relation(), g.node(e.end()).id, e.label(), e.weight(), e.source());
    }

    /** The cue's words joined by OR: only letters and digits reach Lucene's parser, so no cue is read as query syntax. */
    static String fulltextQuery(String cue) {
        List<String> terms = new ArrayList<>();
        var m = TERM.matcher(cue);
        while (m.find() && terms.size() < MAX_TERMS) {
            String t = m.group();
            // Lucene's own operators, if they appear as words, would be read as operators.
            if (!t.equals("AND") && !t.equals("OR") && !t.equals("NOT") && !t.equals("TO")) {
                terms.add(t);
            }
        }
        return String.join(" OR ", terms);
    }

    private static NodeKind kind(Value labels) {
        List<String> names = labels.asList(Value::asString);
        if (names.contains("Fact")) {
            return NodeKind.FACT;
        }
        if (names.contains("Episode")) {
            return NodeKind.EPISODE;
        }
        if (names.contains("Source")) {
            return NodeKind.SOURCE;
        }
        return NodeKind.CONCEPT;
    }

    private static Optional<Instant> instant(Value v) {
        return v == null || v.isNull()
                ? Optional.empty()
                : Optional.of(v.asZonedDateTime().toInstant());
    }
}
