package dev.noesis.memory.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.Relation;
import dev.noesis.memory.GraphAccess;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.PathFinder;
import dev.noesis.memory.testing.TestNeo4j;
import dev.noesis.memory.testing.WordNetSlices;
import java.util.Map;
import java.util.Set;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WordNet importer on a slice (every kind of dog, and everything above a dog), against what
 * extJWNL reads from the same data files. The full import belongs to `noesis memory bench wordnet`.
 */
class WordNetImporterTest {

    private static Dictionary dictionary;
    private static Set<Long> slice;
    private static Neo4jMemory memory;
    private static WordNetImporter.Report first;

    @BeforeAll
    static void importSlice() throws Exception {
        dictionary = WordNetImporter.dictionary();
        slice = WordNetSlices.dogs(dictionary);
        memory = TestNeo4j.freshMemory();
        first = new WordNetImporter(GraphAccess.of(memory), 100)
                .run(dictionary, WordNetImporterTest::inSlice, ImportListener.NONE);
    }

    @AfterAll
    static void close() {
        memory.close();
    }

    private static boolean inSlice(Synset s) {
        return s.getPOS() == POS.NOUN && slice.contains(s.getOffset());
    }

    private static long count(String cypher) {
        return GraphAccess.of(memory).query(cypher, Map.of()).get(0).get(0).asLong();
    }

    @Test
    void everySynsetOfTheSliceIsAConceptWithItsLemmasAndGloss() {
        assertThat(first.concepts()).isEqualTo(slice.size()).isGreaterThan(100);
        assertThat(first.conceptsCreated()).isEqualTo(slice.size());
        assertThat(count("MATCH (c:Concept {kind: 'synset'}) RETURN count(c)")).isEqualTo(slice.size());
        var dog = GraphAccess.of(memory)
                .query(
                        "MATCH (c:Concept {name: 'dog', kind: 'synset'}) WHERE 'domestic dog' IN c.aliases"
                                + " RETURN c.id AS id, c.text AS text",
                        Map.of())
                .get(0);
        assertThat(dog.get("id").asString()).matches("wn:n:\\d{8}");
        assertThat(dog.get("text").asString())
                .startsWith("dog, domestic dog, Canis familiaris: a member of the genus Canis");
    }

    @Test
    void hypernymLinksBecomeIsAEdgesAndTheImportIsIdempotent() throws Exception {
        long expected = 0;
        for (long offset : slice) {
            Synset s = dictionary.getSynsetAt(POS.NOUN, offset);
            for (Pointer p : s.getPointers()) {
                boolean up = p.getType() == PointerType.HYPERNYM || p.getType() == PointerType.INSTANCE_HYPERNYM;
                if (up && slice.contains(p.getTargetOffset())) {
                    expected++;
                }
            }
        }
        assertThat(count("MATCH (:Concept)-[r:IS_A]->(:Concept) RETURN count(r)"))
                .isEqualTo(expected);
        assertThat(first.edgesByLabel()).containsKey("hypernym");

        WordNetImporter.Report again = new WordNetImporter(GraphAccess.of(memory), 100)
                .run(dictionary, WordNetImporterTest::inSlice, ImportListener.NONE);
        assertThat(again.conceptsCreated()).isZero();
        assertThat(again.edgesCreated()).isZero();
        assertThat(count("MATCH (:Concept)-[r:IS_A]->(:Concept) RETURN count(r)"))
                .isEqualTo(expected);
    }

    @Test
    void pathSearchAnswersIsAQuestionsWithThePath() {
        PathFinder paths = memory.paths();
        var toyPoodle = paths.isA("toy poodle", "dog", 6).orElseThrow();
        assertThat(toyPoodle.render()).isEqualTo("toy poodle -hypernym-> poodle -hypernym-> dog");
        assertThat(toyPoodle.path().hops()).isEqualTo(2);
        assertThat(paths.isA("dog", "toy poodle", 6)).isEmpty();
        assertThat(paths.isA("toy poodle", "dog", 1)).isEmpty();
    }

    @Test
    void recallFindsTheTaxonomyAroundACue() {
        var r = memory.recall("poodle", RecallOptions.DEFAULTS.withRelations(Set.of(Relation.IS_A)));
        assertThat(r.render()).contains("toy poodle | is a | poodle  [wordnet:3.1]");
        assertThat(r.nodes().get(0).name()).contains("poodle");
    }
}
