package dev.noesis.memory.graph;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/**
 * Schema version 2: identity keeps what distinguishes meaning ({@link Names}). Version 1 turned
 * every character but letters and digits into a space, so {@code C}, {@code C++} and {@code C#}
 * were one concept, {@code -18} and {@code 18} one fact, and a fact about C++ could close one
 * about C. The new keys only ever split what version 1 joined, never join, so the migration splits:
 *
 * <ol>
 *   <li>each concept whose facts name it in spellings that are now different concepts is split:
 *       it takes the id its own name has now, and every other spelling's facts (their {@code ABOUT}
 *       links and concept-to-concept edges) move to the concept of that spelling, created as needed;
 *   <li>every fact gets the key (and id) of its raw subject, predicate and object;
 *   <li>a supersession between facts that are no longer about the same subject and predicate is
 *       undone (the closed fact is current again, unless another fact still supersedes it);
 *   <li>every concept's normalised name is recomputed.
 * </ol>
 *
 * Facts whose concept came from a similarity match (their raw name is not what the concept's id
 * was made from) stay where they are. Each page is one transaction and every step recomputes
 * from the raw names, so a migration that was interrupted is simply run again on the next open.
 */
final class IdentityMigration {

    private static final int PAGE = 2_000;

    private static final String CONCEPT_PAGE = """
            MATCH (c:Concept) WHERE c.id > $after AND c.id STARTS WITH 'c:'
            WITH c ORDER BY c.id LIMIT $page
            OPTIONAL MATCH (f:Fact)-[a:ABOUT]->(c)
            RETURN c.id AS id, c.name AS name, coalesce(c.aliases, []) AS aliases,
                   collect(CASE WHEN f IS NULL THEN null ELSE [f.id, a.role,
                           CASE a.role WHEN 'subject' THEN f.subject ELSE f.object END] END) AS ends
            """;

    private static final String RENAME = """
            MATCH (c:Concept {id: $from})
            SET c.id = $to, c.normName = $norm
            WITH c
            OPTIONAL MATCH (f:Fact)-[:ABOUT]->(c)
            SET f.subjectId = CASE WHEN f.subjectId = $from THEN $to ELSE f.subjectId END,
                f.objectId = CASE WHEN f.objectId = $from THEN $to ELSE f.objectId END
            """;

    private static final String MOVE = """
            UNWIND $moves AS m
            MATCH (f:Fact {id: m.fact})-[a:ABOUT {role: m.role}]->(from:Concept {id: m.from})
            MERGE (to:Concept {id: m.to})
              ON CREATE SET to.name = m.name, to.normName = m.norm, to.kind = 'entity', to.text = m.name, to.aliases = [],
                            to.source = from.source, to.salience = coalesce(from.salience, 1.0),
                            to.createdAt = from.createdAt, to.lastUsedAt = from.lastUsedAt
            DELETE a
            CREATE (f)-[:ABOUT {role: m.role}]->(to)
            WITH f, from, to, m
            CALL (f, from, to, m) {
              MATCH (from)-[e]->(other:Concept) WHERE m.role = 'subject' AND e.fact = f.id
              CREATE (to)-[n:$(type(e))]->(other) SET n = properties(e)
              DELETE e
            }
            CALL (f, from, to, m) {
              MATCH (other:Concept)-[e]->(from) WHERE m.role = 'object' AND e.fact = f.id
              CREATE (other)-[n:$(type(e))]->(to) SET n = properties(e)
              DELETE e
            }
            CALL (f, to) {
              MATCH (f)-[:DERIVED_FROM]->(episode:Episode)
              MERGE (episode)-[:MENTIONS]->(to)
            }
            SET f.subjectId = CASE WHEN m.role = 'subject' THEN m.to ELSE f.subjectId END,
                f.objectId = CASE WHEN m.role = 'object' THEN m.to ELSE f.objectId END
            """;

    private static final String FACT_PAGE = """
            MATCH (f:Fact) WHERE f.id > $after
            WITH f ORDER BY f.id LIMIT $page
            RETURN f.id AS id, f.key AS key, f.predicateKey AS pkey, f.subject AS s, f.predicate AS p, f.object AS o
            """;

    private static final String REKEY = """
            UNWIND $rows AS r
            MATCH (f:Fact {id: r.id})
            CALL (f, r) {
              MATCH (:Concept {id: f.subjectId})-[e]->(:Concept {id: f.objectId}) WHERE e.fact = f.id
              SET e.fact = r.newId
            }
            SET f.id = r.newId, f.key = r.key, f.predicateKey = r.pkey
            """;

    private static final String WRONG_SUPERSESSIONS = """
            MATCH (newer:Fact)-[s:SUPERSEDES]->(old:Fact)
            WHERE newer.subjectId <> old.subjectId OR newer.predicateKey <> old.predicateKey
            DELETE s
            WITH DISTINCT old
            WHERE old.validTo IS NOT NULL AND NOT EXISTS { MATCH (:Fact)-[:SUPERSEDES]->(old) }
            CALL (old) {
              MATCH (:Concept {id: old.subjectId})-[e]->(:Concept {id: old.objectId}) WHERE e.fact = old.id
              REMOVE e.validTo
            }
            REMOVE old.validTo
            RETURN count(old) AS reopened
            """;

    private static final String NAME_PAGE = """
            MATCH (c:Concept) WHERE c.id > $after
            WITH c ORDER BY c.id LIMIT $page
            RETURN c.id AS id, c.name AS name, c.normName AS norm
            """;

    private IdentityMigration() {}

    static void run(Graph graph) {
        splitConcepts(graph);
        rekeyFacts(graph);
        graph.execute(WRONG_SUPERSESSIONS, Map.of());
        renormaliseNames(graph);
    }

    private static void splitConcepts(Graph graph) {
        String after = "";
        while (true) {
            String from = after;
            String last = graph.write(tx -> {
                List<Record> page = tx.run(CONCEPT_PAGE, Map.of("after", from, "page", PAGE))
                        .list();
                for (Record r : page) {
                    split(
                            tx,
                            r.get("id").asString(),
                            r.get("name").asString(""),
                            r.get("aliases").asList(v -> v.asString("")),
                            r.get("ends").asList(v -> v.asList(x -> x.asString(""))));
                }
                return page.isEmpty()
                        ? null
                        : page.get(page.size() - 1).get("id").asString();
            });
            if (last == null) {
                return;
            }
            after = last;
        }
    }

    /** Splits one concept by the spellings its facts use (each end: fact id, role, raw name). */
    private static void split(
            TransactionContext tx, String id, String name, List<String> aliases, List<List<String>> ends) {
        Map<String, String> spellingOf = new LinkedHashMap<>(); // new concept id -> the first raw name that has it
        List<List<String>> moving = new ArrayList<>();
        for (List<String> end : ends) {
            String raw = end.get(2);
            if (!legacyConceptId(raw).equals(id)) {
                continue; // joined by similarity or consolidation: not this migration's business
            }
            String target = Names.conceptId(raw);
            if (!target.equals(id)) {
                spellingOf.putIfAbsent(target, raw.strip());
                moving.add(end);
            }
        }
        String own = Names.conceptId(name);
        String now = id;
        if (!own.equals(id)
                && legacyConceptId(name).equals(id)
                && !tx.run("MATCH (c:Concept {id: $id}) RETURN c", Map.of("id", own))
                        .hasNext()) {
            // The concept becomes what its own name is now; the facts that used the old spelling move to a new one.
            tx.run(RENAME, Map.of("from", id, "to", own, "norm", Names.normalise(name)))
                    .consume();
            now = own;
            moving.clear();
            spellingOf.clear();
            for (List<String> end : ends) {
                String raw = end.get(2);
                if (legacyConceptId(raw).equals(id) && !Names.conceptId(raw).equals(own)) {
                    spellingOf.putIfAbsent(Names.conceptId(raw), raw.strip());
                    moving.add(end);
                }
            }
        }
        String kept = now;
        // Spellings that were taken for this concept's and are now concepts of their own are no longer its aliases.
        List<String> stale = aliases.stream()
                .filter(a ->
                        legacyConceptId(a).equals(id) && !Names.conceptId(a).equals(kept))
                .toList();
        if (!stale.isEmpty()) {
            tx.run(
                            "MATCH (c:Concept {id: $id}) SET c.aliases = [a IN c.aliases WHERE NOT a IN $stale]",
                            Map.of("id", kept, "stale", stale))
                    .consume();
        }
        if (moving.isEmpty()) {
            return;
        }
        List<Map<String, Object>> moves = new ArrayList<>();
        for (List<String> end : moving) {
            String target = Names.conceptId(end.get(2));
            String spelling = spellingOf.get(target);
            moves.add(Map.of(
                    "fact",
                    end.get(0),
                    "role",
                    end.get(1),
                    "from",
                    now,
                    "to",
                    target,
                    "name",
                    spelling,
                    "norm",
                    Names.normalise(spelling)));
        }
        tx.run(MOVE, Map.of("moves", moves)).consume();
    }

    private static void rekeyFacts(Graph graph) {
        String after = "";
        while (true) {
            String from = after;
            String last = graph.write(tx -> {
                List<Record> page =
                        tx.run(FACT_PAGE, Map.of("after", from, "page", PAGE)).list();
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Record r : page) {
                    String id = r.get("id").asString();
                    String key = Names.factKey(
                            r.get("s").asString(""),
                            r.get("p").asString(""),
                            r.get("o").asString(""));
                    String pkey = Names.normalise(r.get("p").asString(""));
                    String oldKey = r.get("key").asString("");
                    if (key.equals(oldKey) && pkey.equals(r.get("pkey").asString(""))) {
                        continue; // also what a fact rekeyed earlier in this run looks like when the page reaches it
                        // again
                    }
                    // Versions keep their number: f:<key>.2 becomes f:<new key>.2.
                    String newId = id.startsWith(oldKey) ? key + id.substring(oldKey.length()) : id;
                    rows.add(Map.of("id", id, "newId", newId, "key", key, "pkey", pkey));
                }
                if (!rows.isEmpty()) {
                    tx.run(REKEY, Map.of("rows", rows)).consume();
                }
                return page.isEmpty()
                        ? null
                        : page.get(page.size() - 1).get("id").asString();
            });
            if (last == null) {
                return;
            }
            after = last;
        }
    }

    private static void renormaliseNames(Graph graph) {
        String after = "";
        while (true) {
            String from = after;
            String last = graph.write(tx -> {
                List<Record> page =
                        tx.run(NAME_PAGE, Map.of("after", from, "page", PAGE)).list();
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Record r : page) {
                    String norm = Names.normalise(r.get("name").asString(""));
                    if (!norm.equals(r.get("norm").asString(""))) {
                        rows.add(Map.of("id", r.get("id").asString(), "norm", norm));
                    }
                }
                if (!rows.isEmpty()) {
                    tx.run(
                                    "UNWIND $rows AS r MATCH (c:Concept {id: r.id}) SET c.normName = r.norm",
                                    Map.of("rows", rows))
                            .consume();
                }
                return page.isEmpty()
                        ? null
                        : page.get(page.size() - 1).get("id").asString();
            });
            if (last == null) {
                return;
            }
            after = last;
        }
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Version 1's normal form: every character but letters and digits a space. */
    static String legacyNormalise(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD);
        s = MARKS.matcher(s).replaceAll("");
        s = NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return s.strip();
    }

    /** Version 1's concept id of a name. */
    static String legacyConceptId(String name) {
        String n = legacyNormalise(name);
        return "c:" + (n.isEmpty() ? name.strip() : n);
    }

    /** Version 1's fact key. */
    static String legacyFactKey(String subject, String predicate, String object) {
        return "f:"
                + Names.hash(legacyNormalise(subject) + "\u0000" + legacyNormalise(predicate) + "\u0000"
                        + legacyNormalise(object));
    }
}
