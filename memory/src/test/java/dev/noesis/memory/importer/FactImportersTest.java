package dev.noesis.memory.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.memory.GraphAccess;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.graph.Names;
import dev.noesis.memory.testing.TestNeo4j;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The triples and 2WikiMultihopQA importers, through the real server. */
class FactImportersTest {

    @TempDir
    Path dir;

    private Neo4jMemory memory;

    @BeforeEach
    void open() {
        memory = TestNeo4j.freshMemory();
    }

    @AfterEach
    void close() {
        memory.close();
    }

    private long count(String cypher) {
        return GraphAccess.of(memory).query(cypher, Map.of()).get(0).get(0).asLong();
    }

    @Test
    void malformedLinesAreReportedWithTheirNumbersAndTheRestIsImported() throws IOException {
        Path file = dir.resolve("facts.jsonl");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "{\"s\": \"Lise Meitner\", \"r\": \"field of work\", \"o\": \"nuclear physics\", \"source\": \"wiki:meitner\"}",
                        "",
                        "{\"s\": \"Lise Meitner\", \"r\": \"employer\", \"o\": \"KWI\", \"validFrom\": \"1912-01-01\", \"confidence\": 0.8}",
                        "{\"s\": \"broken\"",
                        "[1, 2, 3]",
                        "{\"s\": \"x\", \"r\": \"\", \"o\": \"y\"}",
                        "{\"s\": \"x\", \"r\": \"y\", \"o\": \"z\", \"confidence\": \"high\"}",
                        "{\"s\": \"x\", \"r\": \"y\", \"o\": \"z\", \"validFrom\": \"last year\"}",
                        "{\"s\": \"" + "x".repeat(1001) + "\", \"r\": \"y\", \"o\": \"z\"}",
                        "{\"s\": \"" + "y".repeat(TriplesImporter.MAX_LINE) + "\", \"r\": \"y\", \"o\": \"z\"}",
                        "{\"s\": \"Lise Meitner\", \"r\": \"employer\", \"o\": \"Stockholm University\", \"exclusive\": true}"));

        FactImport r = new TriplesImporter(memory, 2, false).run(file, ImportListener.NONE);

        assertThat(r.read()).isEqualTo(3);
        assertThat(r.problems()).extracting(ImportProblem::line).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(r.problems().get(0).message()).startsWith("not JSON");
        assertThat(r.problems().get(2).message()).contains("\"r\" must be a non-empty string");
        assertThat(r.problems().get(3).message()).contains("confidence");
        assertThat(r.problems().get(4).message()).contains("validFrom");
        assertThat(r.problems().get(5).message()).contains("limited to 1000 characters");
        assertThat(r.problems().get(6).message()).isEqualTo("longer than 65536 characters");
        assertThat(r.writes().factsCreated()).isEqualTo(3);
        assertThat(r.writes().factsSuperseded())
                .as("the last line is exclusive")
                .isEqualTo(1);
        assertThat(count("MATCH (f:Fact {object: 'KWI'}) WHERE f.confidence = 0.8 AND f.validTo IS NOT NULL"
                        + " AND f.validFrom = datetime('1912-01-01T00:00:00Z') RETURN count(f)"))
                .isEqualTo(1);
        assertThat(count("MATCH (:Fact)-[:DERIVED_FROM]->(s:Source) WHERE s.uri STARTS WITH 'file:' RETURN count(s)"))
                .isEqualTo(2);

        FactImport again = new TriplesImporter(memory, 100, false).run(file, ImportListener.NONE);
        assertThat(again.writes().factsCreated()).isZero();
        assertThat(again.writes().factsConfirmed()).isEqualTo(3);
        assertThat(count("MATCH (f:Fact) RETURN count(f)")).isEqualTo(3);
        assertThatThrownBy(() -> new TriplesImporter(memory, 10, false).run(dir, ImportListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a file");
    }

    @Test
    void eachLineIsStrictJson() throws IOException {
        Path file = dir.resolve("strict.jsonl");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "\uFEFF{\"s\": \"Emmy Noether\", \"r\": \"field of work\", \"o\": \"abstract algebra\"}",
                        "{\"s\": \"a\", \"r\": \"b\", \"o\": \"c\"} trailing words",
                        "{\"s\": \"a\", \"r\": \"b\", \"o\": \"c\"}{\"s\": \"d\", \"r\": \"e\", \"o\": \"f\"}",
                        "{\"s\": \"a\", \"r\": \"b\", \"o\": \"c\", \"exclusive\": \"yes\"}",
                        "{\"s\": \"a\", \"r\": \"b\", \"o\": \"c\", \"exclusive\": 1}",
                        "{\"s\": \"a\", \"r\": \"b\", \"o\": \"c\", \"s\": \"other\"}",
                        "{\"s\": \"Emmy Noether\", \"r\": \"employer\", \"o\": \"University of Göttingen\", \"exclusive\": false}"));

        FactImport r = new TriplesImporter(memory, 10, true).run(file, ImportListener.NONE);

        assertThat(r.problems()).extracting(ImportProblem::line).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(r.problems().get(0).message()).startsWith("not JSON");
        assertThat(r.problems().get(1).message()).contains("more after the object");
        assertThat(r.problems().get(2).message()).contains("\"exclusive\" must be true or false");
        assertThat(r.problems().get(3).message()).contains("\"exclusive\" must be true or false");
        assertThat(r.problems().get(4).message()).containsIgnoringCase("duplicate");
        assertThat(r.read()).isEqualTo(2);
        assertThat(count("MATCH (f:Fact {subject: 'Emmy Noether'}) RETURN count(f)"))
                .as("line 1, after its byte order mark")
                .isEqualTo(2);
        assertThat(count("MATCH (f:Fact {predicate: 'employer', exclusive: false}) RETURN count(f)"))
                .isEqualTo(1);
    }

    @Test
    void twoWikiEntriesBecomeFactsSourcedByTheirQuestion() throws IOException {
        Path file = dir.resolve("2wiki.json");
        Files.writeString(file, """
                [
                  {"_id": "q1", "type": "compositional", "question": "Who is the mother of the director of film Zorba?",
                   "evidences": [["Zorba", "director", "Michael Cacoyannis"], ["Michael Cacoyannis", "mother", "Angeliki Efthymiou"]],
                   "answer": "Angeliki Efthymiou"},
                  {"_id": "q2", "type": "comparison", "question": "bad", "evidences": [["only two", "parts"]]},
                  {"_id": "q3", "type": "comparison", "question": "Which film came out first, Zorba or Stella?",
                   "evidences": [["Zorba", "publication date", "1964"], ["Stella", "publication date", "1955"]], "answer": "Stella"}
                ]
                """);

        FactImport r = new TwoWikiImporter(memory, 100).run(file, ImportListener.NONE);

        assertThat(r.read()).isEqualTo(4);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("q2");
        });
        assertThat(count("MATCH (:Fact)-[:DERIVED_FROM]->(:Source {uri: '2wiki:q1'}) RETURN count(*)"))
                .isEqualTo(2);
    }

    @Test
    void theTwoWikiBenchmarkFileImportsAndItsQuestionsRecallTheirEvidence() {
        Path file = Path.of(
                System.getProperty("noesis-tests.shared-data", "../shared/data"),
                "2wikimultihopqa",
                "dev_1000_with_evidence.json");
        assumeTrue(
                Files.isRegularFile(file),
                "skipped: " + file + " is absent (the shared benchmark data is not beside" + " this clone)");

        FactImport r = new TwoWikiImporter(memory, 1000).run(file, ImportListener.NONE);

        assertThat(r.problems()).isEmpty();
        assertThat(r.read()).isEqualTo(2464);
        assertThat(r.writes().factsCreated() + r.writes().factsConfirmed()).isEqualTo(2464);
        assertThat(count("MATCH (f:Fact) RETURN count(f)"))
                .isEqualTo((long) r.writes().factsCreated())
                .isBetween(2300L, 2410L);
        TwoWikiImporter.Question first =
                TwoWikiImporter.questions(file, new ArrayList<>()).get(0);
        List<String> recalled =
                memory.recall(first.question(), RecallOptions.DEFAULTS.withLimit(100)).statements().stream()
                        .limit(20)
                        .map(FactImportersTest::key)
                        .toList();
        for (List<String> gold : first.evidence()) {
            assertThat(recalled)
                    .contains(Names.normalise(gold.get(0)) + "|" + Names.normalise(gold.get(1)) + "|"
                            + Names.normalise(gold.get(2)));
        }
    }

    private static String key(MemoryStatement s) {
        return Names.normalise(s.subject()) + "|" + Names.normalise(s.predicate()) + "|" + Names.normalise(s.object());
    }
}
