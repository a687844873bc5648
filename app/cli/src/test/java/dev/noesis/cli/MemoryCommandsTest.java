package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.jlama.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * `noesis memory ...` in-process, against the local Neo4j server the commands start themselves
 * (one Noesis home for the class, so one server; the last test stops it and a command starts it again).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryCommandsTest {

    @TempDir
    static Path home;

    private static Cli cli;

    @BeforeAll
    static void setUp() {
        cli = new Cli(home).env("NOESIS_MEMORY_HEAP", "384m").env("NOESIS_MEMORY_PAGE_CACHE", "32m");
    }

    @AfterAll
    static void stopServer() {
        cli.run("memory", "stop");
    }

    @Test
    @Order(1)
    void importRecallStatsAndConsolidate() throws IOException {
        Path file = home.resolve("facts.jsonl");
        Files.writeString(file, """
                {"s": "Marie Curie", "r": "award received", "o": "Nobel Prize in Physics", "source": "wiki:curie"}
                {"s": "Marie Curie", "r": "spouse", "o": "Pierre Curie"}
                {"s": "no object", "r": "at all"}
                """);

        Cli.Result imported = cli.run("memory", "import", "triples", file.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported 2 facts", "2 new", "Embedded 5 nodes with bge-small-en-v1.5-q");
        assertThat(imported.err())
                .contains("Starting the local Neo4j server", "facts.jsonl:3: \"o\" must be a non-empty string");
        assertThat(home.resolve("neo4j/password")).exists();

        Cli.Result recall = cli.run("memory", "recall", "Marie", "Curie");
        assertThat(recall.exit()).isZero();
        assertThat(recall.out())
                .contains(
                        "- Marie Curie | award received | Nobel Prize in Physics  [wiki:curie]",
                        "Marie Curie  [c:marie curie]  matches the cue");

        Cli.Result json =
                cli.run("memory", "recall", "--json", "--depth", "1", "-k", "3", "--relation", "RELATED_TO", "Pierre");
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.path("statements").get(0).path("subject").asText()).isEqualTo("Marie Curie");
        assertThat(tree.path("nodes").size()).isPositive();
        assertThat(tree.path("rendering").asText()).contains("spouse");

        Cli.Result past = cli.run("memory", "recall", "--as-of", "2001-01-01", "Marie Curie");
        // The facts were written today: in 2001 none was believed (concepts, being names, may still match the cue).
        assertThat(past.out()).contains("and 0 statements").doesNotContain("award received");

        assertThat(cli.run("memory", "stats").out()).contains("Fact           2", "Vectors: 5 (bge-small-en-v1.5-q)");
        assertThat(cli.run("memory", "consolidate").out()).contains("Merged 0 duplicate concepts");
        assertThat(cli.run("memory", "consolidate", "--dry-run").out())
                .contains("Dry run, nothing changed: would merge 0");
        Cli.Result undo = cli.run("memory", "consolidate", "--undo", "20000101-000000-0000");
        assertThat(undo.exit()).isEqualTo(2);
        assertThat(undo.err()).contains("No merges are recorded", "20000101-000000-0000");
    }

    @Test
    @Order(2)
    void twoWikiWithoutEmbeddingThenTheEmbeddingStage() throws IOException {
        Path file = home.resolve("2wiki.json");
        Files.writeString(file, """
                [{"_id": "q1", "type": "comparison", "question": "Which film came out first, Zorba or Stella?",
                  "evidences": [["Zorba", "publication date", "1964"], ["Stella", "publication date", "1955"]]}]
                """);
        Cli.Result imported = cli.run("memory", "import", "2wiki", "--no-embed", file.toString());
        assertThat(imported.out()).contains("Imported 2 facts", "Not embedded (--no-embed)");
        assertThat(cli.run("memory", "embed").out()).contains("Embedded 6 nodes");
        assertThat(cli.run("memory", "embed").out()).contains("every node already has a vector");

        Cli.Result bench = cli.run("memory", "bench", "2wiki", file.toString(), "-k", "5,20");
        assertThat(bench.exit()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("machine:", "embedder:  bge-small-en-v1.5-q", "k = 20");
    }

    @Test
    @Order(3)
    void badInputIsExplainedWithExitCode2() {
        assertThat(cli.run("memory", "recall", "--depth", "9", "x").err()).contains("depth");
        assertThat(cli.run("memory", "recall", "--depth", "9", "x").exit()).isEqualTo(2);
        Cli.Result missing = cli.run(
                "memory", "import", "triples", home.resolve("nope.jsonl").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.jsonl", "not a file");
        assertThat(cli.run("memory", "recall", "--as-of", "yesterday", "x").err())
                .contains("--as-of must be a date");
        for (String[] option : new String[][] {
            {"--merge-similarity", "NaN"},
            {"--archive-below", "NaN"},
            {"--half-life", "Infinity"},
            {"--half-life", "NaN"}
        }) {
            Cli.Result nan = cli.run("memory", "consolidate", option[0], option[1]);
            assertThat(nan.exit()).as(String.join(" ", option)).isEqualTo(2);
            assertThat(nan.err()).contains(option[0]).doesNotContain("Merged");
        }
        Cli.Result bench = cli.run("memory", "bench", "recall", "--queries", "5");
        assertThat(bench.exit()).isEqualTo(2);
        assertThat(bench.err()).contains("noesis memory bench wordnet");
        Cli.Result notEmpty = cli.run("memory", "bench", "wordnet");
        assertThat(notEmpty.err()).contains("--clear");
        Cli.Result external =
                new Cli(home).env("NOESIS_MEMORY_URI", "bolt://localhost:1").run("memory", "stats");
        assertThat(external.exit()).isEqualTo(2);
        assertThat(external.err()).contains("noesis.memory.password");
        assertThat(new Cli(home)
                        .env("NOESIS_MEMORY_URI", "http://x")
                        .env("NOESIS_MEMORY_PASSWORD", "p")
                        .run("memory", "stats")
                        .err())
                .contains("must be a Bolt address");
    }

    @Test
    @Order(3)
    void anImportOfNothingExitsWith1() throws IOException {
        Path garbage = home.resolve("garbage.jsonl");
        Files.write(garbage, new byte[] {0, (byte) 0xff, (byte) 0xfe, 10, 1, 2, 3, 10, '{', '}', 10});
        Cli.Result nothing = cli.run("memory", "import", "triples", garbage.toString());
        assertThat(nothing.exit()).as("nothing imported").isEqualTo(1);
        assertThat(nothing.err())
                .contains("garbage.jsonl:1: not JSON", "garbage.jsonl:3: \"s\" must be", "nothing could be imported");
    }

    @Test
    @Order(4)
    void stoppingNoesisAndStartingAgainKeepsAllMemory() {
        assertThat(cli.run("memory", "status").out()).contains("Running: bolt://127.0.0.1:");
        assertThat(cli.run("memory", "start").out()).contains("Already running");
        assertThat(cli.run("memory", "stop").out()).contains("Stopped the local Neo4j server.");
        assertThat(cli.run("memory", "status").out()).contains("Not running.");
        assertThat(cli.run("memory", "stop").out()).contains("was not running");

        Cli.Result recall = cli.run("memory", "recall", "Marie", "Curie");
        assertThat(recall.err()).contains("Starting the local Neo4j server");
        assertThat(recall.out()).contains("Marie Curie | spouse | Pierre Curie");
        assertThat(cli.run("memory", "stats").out()).contains("Fact           4");
    }

    @Test
    @Order(5)
    void theMemoryAugmentedPipelineAnswersFromMemoryAndRemembersTheRun() throws IOException {
        Cli.Result r = cli.run(
                "ask",
                "--pipeline",
                "memory-augmented",
                "--model",
                TinyModels.standard().toString(),
                "--max-tokens",
                "24",
                "--json",
                "Who is Marie Curie's spouse?");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode run = new ObjectMapper().readTree(r.out());
        assertThat(run.path("outcome").asText()).isEqualTo("COMPLETED");
        JsonNode spans = run.path("trace").path("spans");
        assertThat(spans.findValuesAsText("module"))
                .containsExactly("retriever", "reasoning-injector", "generator", "memory-write");
        assertThat(spans.get(0).path("notes").get(0).path("what").asText())
                .startsWith("memory: ")
                .doesNotStartWith("memory: 0 found");
        JsonNode answerPrompt = spans.get(2).path("calls").get(0).path("prompt").path("messages");
        assertThat(answerPrompt.get(answerPrompt.size() - 1).path("content").asText())
                .contains(
                        "Evidence:",
                        "(Marie Curie; spouse; Pierre Curie) (source: memory: file:",
                        "Notes for reasoning:");
        String runId = run.path("trace").path("runId").asText();
        assertThat(spans.get(3).path("notes").findValuesAsText("what"))
                .anySatisfy(w -> assertThat(w).startsWith("stored: 1 episode"));
        assertThat(spans.get(3).path("notes").findValuesAsText("why")).contains("provenance run:" + runId);

        assertThat(cli.run("memory", "stats").out()).containsPattern("Episode +1\\b");
    }
}
