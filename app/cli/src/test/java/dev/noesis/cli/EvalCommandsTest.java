package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `noesis eval ...` over the real benchmark data beside the repository and the tiny model. */
class EvalCommandsTest {

    /** The shared benchmark data, beside the repository (CI has it there too). */
    static final Path DATA = Path.of("../../../shared/data").toAbsolutePath().normalize();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    @Test
    void theHelpNamesEveryEvalCommandAndTheServer() {
        assertThat(cli.run("eval", "--help").out()).contains("list", "run", "report", "compare", "retrieval");
        assertThat(cli.run("--help").out()).contains("noesis serve", "eval");
    }

    @Test
    void listShowsEveryBuiltInSuiteWithItsItemCountAndMetrics() {
        assertThat(DATA).as("the shared benchmark data").isDirectory();
        Cli.Result r = cli.run("eval", "list", "--data", DATA.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("gsm8k", "hotpotqa", "hotpotqa-evidence", "2wiki", "scifact-claims", "beir-retrieval")
                .contains("numeric", "em,f1", "accuracy,macro_f1", "ndcg@10,recall@10,recall@100,mrr@10")
                .contains("Data: " + DATA)
                .doesNotContain("not available");
        assertThat(r.out()
                        .lines()
                        .filter(l -> l.startsWith("gsm8k "))
                        .findFirst()
                        .orElseThrow())
                .matches("gsm8k\\s+[0-9,]+\\s+numeric\\s+none\\s+.+");
    }

    @Test
    void listSaysWhichDataIsMissingAndStillListsTheSuites() throws Exception {
        Path empty = Files.createDirectories(home.resolve("no-data"));
        Cli.Result r = cli.run("eval", "list", "--data", empty.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("gsm8k", "not available: gsm8k", empty.toString());
    }

    @Test
    void runMeasuresPipelinesAgainstRawResumesAndServesARerunFromTheCache() throws Exception {
        Path out = home.resolve("run-1");
        String[] command = {
            "eval",
            "run",
            "gsm8k",
            "--pipelines",
            "raw,plan-solve",
            "--limit",
            "20",
            "--max-tokens",
            "8",
            "--out",
            out.toString(),
            "--data",
            DATA.toString()
        };
        Cli.Result first = cli.run(command);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("Run folder: " + out, "random weights", "detect a difference");
        assertThat(first.out()).contains("plan-solve vs raw on 20 items", "40 item runs (40 now");
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertThat(results.path("arms")).hasSize(2);
        assertThat(results.path("comparisons")).hasSize(1);
        assertThat(results.at("/comparisons/0/verdict").asText()).isIn("better", "worse", "no detectable difference");
        assertThat(Files.readAllLines(out.resolve("items.jsonl"))).hasSize(40);
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg", "plan-solve");

        // The same command again: everything is logged, nothing runs, the numbers are the same.
        Cli.Result again = cli.run(command);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("40 item runs (0 now");
        assertThat(JSON.readTree(out.resolve("results.json").toFile()).path("arms"))
                .isEqualTo(results.path("arms"));

        // A new run folder: every model call comes from the cache, and the results say so.
        Path cached = home.resolve("run-2");
        command[command.length - 3] = cached.toString();
        Cli.Result fromCache = cli.run(command);
        assertThat(fromCache.exit()).as(fromCache.err()).isZero();
        JsonNode arms = JSON.readTree(cached.resolve("results.json").toFile()).path("arms");
        for (JsonNode arm : arms) {
            assertThat(arm.path("cache_hits").asLong())
                    .isEqualTo(arm.path("model_calls").asLong())
                    .isPositive();
        }
        for (int i = 0; i < arms.size(); i++) {
            assertThat(arms.get(i).path("mean"))
                    .isEqualTo(results.path("arms").get(i).path("mean"));
        }
        // And --no-cache asks the model again.
        Path fresh = home.resolve("run-3");
        command[command.length - 3] = fresh.toString();
        String[] noCache = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(command), java.util.stream.Stream.of("--no-cache"))
                .toArray(String[]::new);
        assertThat(cli.run(noCache).exit()).isZero();
        for (JsonNode arm :
                JSON.readTree(fresh.resolve("results.json").toFile()).path("arms")) {
            assertThat(arm.path("cache_hits").asLong()).isZero();
        }

        Cli.Result rebuilt = cli.run("eval", "report", out.toString());
        assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).contains("plan-solve vs raw on 20 items");
        Cli.Result compared = cli.run("eval", "compare", out.toString(), fresh.toString());
        assertThat(compared.exit()).as(compared.err()).isZero();
        assertThat(compared.out()).contains("on 20 items");
    }

    @Test
    void suitesWithEvidenceRunInADataHomeOfTheirOwnNeverTheUsersIndex() throws Exception {
        // Ten items: rag prompts carry passages, and the tiny model reads them at a few ms a token.
        Path out = home.resolve("evidence");
        Cli.Result r = cli.run(evalRun("hotpotqa-evidence", "rag", 10, out));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("rag vs raw on 10 items");
        assertThat(home.resolve("index")).doesNotExist();
        try (var homes = Files.list(out.resolve("setups"))) {
            assertThat(homes.filter(h -> Files.isDirectory(h.resolve("index"))).count())
                    .isEqualTo(1);
        }
        // rag read the suite's documents: its prompts are far longer than raw's.
        JsonNode arms = JSON.readTree(out.resolve("results.json").toFile()).path("arms");
        assertThat(arms.get(1).path("pipeline").asText()).isEqualTo("rag");
        assertThat(arms.get(1).path("tokens").asLong())
                .isGreaterThan(3 * arms.get(0).path("tokens").asLong());
        // Prompts fitted to the last positions of the context once failed inside Jlama's rotary
        // table ("Index 16384 out of bounds"); the model now reports the context it can fill.
        assertNoItemFailed(out);
    }

    @Test
    void severalSuitesRunInOneExperimentEachWithItsOwnMetrics() throws Exception {
        Path out = home.resolve("suites");
        Cli.Result r = cli.run(evalRun("hotpotqa,scifact-claims", "raw", 20, out));

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode arms = JSON.readTree(out.resolve("results.json").toFile()).path("arms");
        assertThat(arms.findValuesAsText("suite")).containsExactlyInAnyOrder("hotpotqa", "scifact-claims");
        assertThat(arms.findValuesAsText("metric")).containsExactlyInAnyOrder("em", "accuracy");
        for (JsonNode arm : arms) {
            assertThat(arm.path("n").asInt()).isEqualTo(20);
        }
        assertNoItemFailed(out);
    }

    @Test
    void factsOfASuiteGoIntoAMemoryOfTheExperimentsOwn() throws Exception {
        Path out = home.resolve("facts");
        Cli.Result r = cli.run(evalRun("2wiki", "memory-augmented", 5, out));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("memory-augmented vs raw on 5 items");
        assertThat(home.resolve("neo4j")).doesNotExist();
        JsonNode setups = JSON.readTree(out.resolve("setups.json").toFile());
        assertThat(setups.toString()).contains("\"facts\"");
        assertNoItemFailed(out);
        // memory-write ran in every memory-augmented item, and stored nothing: no item recalls what an earlier one
        // wrote.
        List<String> traces;
        try (var files = Files.walk(out.resolve("traces"))) {
            traces = files.filter(Files::isRegularFile)
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
        assertThat(traces).hasSize(10);
        List<String> writing =
                traces.stream().filter(t -> t.contains("memory-write")).toList();
        assertThat(writing)
                .as("the memory-augmented items' traces")
                .hasSize(5)
                .allSatisfy(t -> assertThat(t).contains("stored: 0 episode, 0 new facts"));
    }

    @Test
    void beirRetrievalRunsEverySearchModeAgainstBm25QueryByQuery() throws Exception {
        // A three-document collection where the shared data's SciFact would be: the path is the CLI's,
        // the numbers against the real SciFact are checked in the wiring's RetrievalArmsTest.
        Path data = home.resolve("data");
        Path beir = Files.createDirectories(data.resolve("beir-scifact").resolve("qrels"))
                .getParent();
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Boiling", "text": "Water boils at lower temperatures at altitude."}
                {"_id": "d2", "title": "Penguins", "text": "Penguins cannot fly but swim well."}
                {"_id": "d3", "title": "Paris", "text": "The Eiffel Tower is in Paris."}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "why does water boil sooner in the mountains"}
                {"_id": "q2", "text": "birds that swim"}
                {"_id": "q3", "text": "where is the eiffel tower"}
                """);
        Files.writeString(
                beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td3\t1\n");
        Path out = home.resolve("beir-run");

        Cli.Result r = cli.run("eval", "run", "beir-retrieval", "--out", out.toString(), "--data", data.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("random weights");
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertThat(results.path("arms").findValuesAsText("pipeline")).containsExactly("bm25", "dense", "hybrid");
        assertThat(results.path("arms").findValuesAsText("metric")).containsOnly("ndcg@10");
        assertThat(results.path("comparisons").findValuesAsText("baseline")).containsOnly("bm25");
        assertThat(results.path("comparisons").findValuesAsText("arm")).containsExactly("dense", "hybrid");
        // BM25 finds each query's one relevant document first on this collection.
        assertThat(results.at("/arms/0/mean").asDouble()).isEqualTo(1.0);
        assertThat(Files.readAllLines(out.resolve("items.jsonl"))).hasSize(9);
        assertThat(r.out()).contains("hybrid vs bm25 on 3 items");

        Cli.Result pipelines =
                cli.run("eval", "run", "beir-retrieval", "--pipelines", "raw,rag", "--data", data.toString());
        assertThat(pipelines.exit()).isEqualTo(2);
        assertThat(pipelines.err()).contains("'raw' is not one", "bm25, dense, hybrid");
    }

    private String[] evalRun(String suite, String pipeline, int limit, Path out) {
        return new String[] {
            "eval",
            "run",
            suite,
            "--pipelines",
            pipeline,
            "--limit",
            Integer.toString(limit),
            "--max-tokens",
            "8",
            "--out",
            out.toString(),
            "--data",
            DATA.toString()
        };
    }

    /** The end of each memory server log under a run folder: what a failed item's error points to. */
    private static String serverLogs(Path run) {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(run)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(log);
                all.append("== ").append(log).append('\n');
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(l -> all.append(l).append('\n'));
            }
        } catch (java.io.IOException e) {
            all.append(e);
        }
        return all.toString();
    }

    private static void assertNoItemFailed(Path run) throws Exception {
        List<String> failed = Files.readAllLines(run.resolve("items.jsonl")).stream()
                .filter(l -> l.contains("\"outcome\":\"failed\""))
                .toList();
        assertThat(failed)
                .as(() -> "failed items; the data homes' server logs:\n" + serverLogs(run))
                .isEmpty();
    }

    @Test
    void anAdapterAxisRefusesUnlabelledItemsForTheOracleAndUnknownAdapters() throws Exception {
        Path mine = home.resolve("unlabelled.jsonl");
        Files.writeString(mine, "{\"id\":\"a\",\"question\":\"2+2?\",\"answer\":\"4\"}\n");
        Cli.Result oracle = cli.run(
                "eval",
                "run",
                mine.toString(),
                "--adapters",
                "oracle",
                "--out",
                home.resolve("o").toString());
        assertThat(oracle.exit()).as(oracle.err()).isEqualTo(2);
        assertThat(oracle.err()).contains("'a'", "'adapter' field");

        Cli.Result unknown = cli.run(
                "eval",
                "run",
                mine.toString(),
                "--adapters",
                "nope",
                "--out",
                home.resolve("u").toString());
        assertThat(unknown.exit()).as(unknown.err()).isEqualTo(2);
        assertThat(unknown.err()).contains("nope");
    }

    @Test
    void badInputIsOneClearLineAndExitCode2() throws Exception {
        Cli.Result unknownSuite = cli.run("eval", "run", "gsm9k", "--data", DATA.toString());
        assertThat(unknownSuite.exit()).isEqualTo(2);
        assertThat(unknownSuite.err()).contains("Unknown suite 'gsm9k'", "gsm8k");

        Cli.Result unknownPipeline = cli.run(
                "eval",
                "run",
                "gsm8k",
                "--pipelines",
                "raw,nope",
                "--limit",
                "2",
                "--data",
                DATA.toString(),
                "--out",
                home.resolve("bad-pipeline").toString());
        assertThat(unknownPipeline.exit()).as(unknownPipeline.err()).isEqualTo(2);
        assertThat(unknownPipeline.err()).contains("nope");

        Path mine = home.resolve("mine.jsonl");
        Files.writeString(mine, "{\"id\":\"a\",\"question\":\"2+2?\",\"answer\":\"4\"}\nnot json\n");
        Cli.Result badLine = cli.run("eval", "run", mine.toString());
        assertThat(badLine.exit()).isEqualTo(2);
        assertThat(badLine.err()).contains("mine.jsonl:2:", "not JSON");

        Path out = home.resolve("taken");
        assertThat(cli.run(
                                "eval",
                                "run",
                                "gsm8k",
                                "--limit",
                                "2",
                                "--max-tokens",
                                "4",
                                "--out",
                                out.toString(),
                                "--data",
                                DATA.toString())
                        .exit())
                .isZero();
        Cli.Result other = cli.run(
                "eval",
                "run",
                "gsm8k",
                "--limit",
                "3",
                "--max-tokens",
                "4",
                "--out",
                out.toString(),
                "--data",
                DATA.toString());
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err()).contains(out.toString());

        Cli.Result notARun = cli.run("eval", "report", home.toString());
        assertThat(notARun.exit()).isEqualTo(2);
        assertThat(notARun.err()).contains("is not a run folder");
    }
}
