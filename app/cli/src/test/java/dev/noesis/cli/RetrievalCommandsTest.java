package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.jlama.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** `noesis ingest`, `index remove`, `search`, `eval retrieval` and `bench retrieval` in-process, through the real model and index. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrievalCommandsTest {

    @TempDir
    static Path home;

    private static Cli cli;
    private static Path docs;
    private static Path beir;

    @BeforeAll
    static void files() throws IOException {
        cli = new Cli(home);
        docs = Files.createDirectories(home.resolve("docs"));
        Files.writeString(
                docs.resolve("boiling.md"),
                "# Boiling\n\n## At altitude\n\nWater boils at a lower temperature on a"
                        + " mountain, because the air pressure is lower there.\n");
        Files.writeString(docs.resolve("tower.txt"), "The Eiffel Tower in Paris was finished in 1889.");
        Files.writeString(
                docs.resolve("penguins.html"),
                "<html><head><title>Penguins</title></head><body><p>Penguins are birds"
                        + " that cannot fly.</p></body></html>");
        beir = Files.createDirectories(home.resolve("beir-tiny"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Boiling", "text": "Water boils at lower temperatures at altitude."}
                {"_id": "d2", "title": "Penguins", "text": "Penguins cannot fly but swim well."}
                {"_id": "d3", "title": "Paris", "text": "The Eiffel Tower is in Paris."}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "why does water boil sooner in the mountains"}
                {"_id": "q2", "text": "birds that swim"}
                """);
        Files.createDirectories(beir.resolve("qrels"));
        Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");
    }

    @Test
    @Order(1)
    void searchWithoutAnIndexSaysHowToMakeOne() {
        Cli.Result r = cli.run("search", "boiling");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("noesis ingest")
                .contains(home.resolve("index").toString());

        Cli.Result rag = cli.run(
                "ask", "--pipeline", "rag", "--model", TinyModels.standard().toString(), "boiling?");
        assertThat(rag.exit()).isEqualTo(2);
        assertThat(rag.err()).contains("retriever", "noesis ingest");
    }

    @Test
    @Order(2)
    void ingestAddsFilesThenSkipsThemWhenUnchanged() throws IOException {
        Cli.Result first = cli.run("ingest", docs.toString(), "--tag", "demo");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("ingested 3 files")
                .contains("3 added")
                .contains("index: 3 documents")
                .contains("bge-small-en-v1.5-q");

        Cli.Result again = cli.run("ingest", docs.toString());
        assertThat(again.out()).contains("3 unchanged").contains("0 added");

        Path bad = Files.write(home.resolve("bad.pdf"), "not a pdf".getBytes());
        Cli.Result failed =
                cli.run("ingest", bad.toString(), home.resolve("notes.docx").toString());
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out())
                .contains("failed 1:")
                .contains("bad.pdf: ")
                .contains("skipped 1:")
                .contains("does not exist");

        Cli.Result nothing = cli.run("ingest", home.resolve("missing").toString());
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("does not exist");
        Cli.Result huge = cli.run("ingest", docs.toString(), "--max-file-mb", "4096");
        assertThat(huge.exit()).isEqualTo(2);
        assertThat(huge.err()).contains("between 1 and 2000");
    }

    @Test
    @Order(3)
    void theRagPipelineAnswersWithPassagesFromTheIndexInItsPrompt() throws IOException {
        Cli.Result r = cli.run(
                "ask",
                "--pipeline",
                "rag",
                "--model",
                TinyModels.standard().toString(),
                "--max-tokens",
                "16",
                "--json",
                "Why does water boil at a lower temperature on a mountain?");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode run = new ObjectMapper().readTree(r.out());
        assertThat(run.path("outcome").asText()).isEqualTo("COMPLETED");
        JsonNode spans = run.path("trace").path("spans");
        assertThat(spans.findValuesAsText("module")).containsExactly("retriever", "generator");
        assertThat(spans.get(0).path("notes").get(0).path("what").asText()).startsWith("index: 3 found, 3 new");
        JsonNode messages = spans.get(1).path("calls").get(0).path("prompt").path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asText())
                .contains(
                        "Evidence:\n[1] ",
                        "Water boils at a lower temperature on a mountain",
                        "(source: Boiling > At altitude (" + docs.resolve("boiling.md") + ") #0)");
    }

    @Test
    @Order(4)
    void searchPrintsRankedChunksWithSourcesAndScores() throws IOException {
        Cli.Result r = cli.run("search", "why", "does", "water", "boil", "sooner", "on", "mountains", "-k", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("1. Boiling > At altitude  [hybrid ")
                .contains("bm25 #1")
                .contains("dense #1")
                .contains(docs.resolve("boiling.md").toString() + " #0")
                .contains("Water boils at a lower temperature");
        assertThat(r.out()).contains("2. ");

        Cli.Result bm25 = cli.run("search", "Eiffel", "--mode", "bm25");
        assertThat(bm25.out()).startsWith("1. tower.txt  [bm25 ").doesNotContain("dense #");

        Cli.Result filtered = cli.run("search", "birds", "--filter", "type=html", "--filter", "tag=demo", "--json");
        JsonNode hits = new ObjectMapper().readTree(filtered.out());
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).path("title").asText()).isEqualTo("Penguins");
        assertThat(hits.get(0).path("parts")).isNotEmpty();

        assertThat(cli.run("search", "birds", "--filter", "type=pdf").out()).contains("no results");
        Cli.Result badFilter = cli.run("search", "birds", "--filter", "birds");
        assertThat(badFilter.exit()).isEqualTo(2);
        assertThat(badFilter.err()).contains("field=value");
        Cli.Result badMode = cli.run("search", "birds", "--mode", "fuzzy");
        assertThat(badMode.exit()).isEqualTo(2);
        assertThat(badMode.err()).contains("bm25, dense, hybrid");
        Cli.Result otherModel = cli.run("search", "birds", "--embedding-model", "all-minilm-l6-v2-q");
        assertThat(otherModel.exit()).isEqualTo(2);
        assertThat(otherModel.err()).contains("bge-small-en-v1.5-q");
    }

    @Test
    @Order(5)
    void evalPrintsTheMeasuresForEachMode() {
        Cli.Result r = cli.run("eval", "retrieval", "--beir", beir.toString(), "--mode", "all");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("BEIR beir-tiny, split test: 2 queries, 3 documents")
                .contains("embeddings: bge-small-en-v1.5-q")
                .contains("nDCG@10  Recall@100  MRR@10");
        assertThat(r.out())
                .containsPattern("bm25\\s+1\\.0000\\s+1\\.0000\\s+1\\.0000")
                .containsPattern("dense\\s+1\\.0000")
                .containsPattern("hybrid\\s+1\\.0000");

        Cli.Result missing =
                cli.run("eval", "retrieval", "--beir", home.resolve("nope").toString(), "--mode", "bm25");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("corpus.jsonl");
    }

    @Test
    @Order(6)
    void benchMeasuresIngestionAndLatency() {
        Cli.Result r = cli.run("bench", "retrieval", "--beir", beir.toString(), "--scale", "300", "--rounds", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("ingestion: 3 documents -> 3 chunks")
                .contains("chunks/s")
                .contains("scaled index built: 300 chunks")
                .containsPattern("ingested corpus\\s+3\\s+\\d+\\s+hybrid")
                .containsPattern("scaled\\s+300\\s+\\d+\\s+hybrid");
    }

    @Test
    @Order(7)
    void ingestTakesOutFilesDeletedFromTheFolderAndListsLinksAsSkipped() throws IOException {
        Path kea = Files.writeString(docs.resolve("kea.txt"), "The kea is a parrot from New Zealand.");
        Path alias = Files.createSymbolicLink(docs.resolve("alias.txt"), docs.resolve("tower.txt"));
        Cli.Result added = cli.run("ingest", docs.toString());
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out())
                .contains("1 added")
                .contains("skipped 1:")
                .contains(alias + ": a link to " + docs.toRealPath().resolve("tower.txt")
                        + ", which is ingested under its own path");
        assertThat(cli.run("search", "kea parrot", "--mode", "bm25").out()).contains("kea.txt");

        Files.delete(kea);
        Files.delete(alias);
        Cli.Result again = cli.run("ingest", docs.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out())
                .contains("index: 3 documents")
                .contains("removed 1 (no longer in the folder):")
                .contains(kea.getFileName().toString());
        assertThat(cli.run("search", "kea parrot", "--mode", "bm25").out()).contains("no results");
    }

    @Test
    @Order(8)
    void indexRemoveTakesDocumentsOutByTheirPaths() throws IOException {
        Path tower = docs.resolve("tower.txt");
        Cli.Result r = cli.run(
                "index", "remove", tower.toString(), docs.resolve("never.txt").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "removed 1 document from " + home.resolve("index"),
                        "  " + tower.toRealPath(),
                        "not in the index 1:",
                        "never.txt",
                        "index: 2 documents");
        assertThat(cli.run("search", "Eiffel", "--mode", "bm25").out()).contains("no results");

        Cli.Result nothing = cli.run("index", "remove", tower.toString());
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("Nothing to remove", tower.toString());

        Cli.Result noIndex = cli.run(
                "index",
                "remove",
                tower.toString(),
                "--index",
                home.resolve("no-index").toString());
        assertThat(noIndex.exit()).isEqualTo(2);
        assertThat(noIndex.err()).contains("There is no index at " + home.resolve("no-index"), "noesis ingest");

        assertThat(cli.run("index").exit()).isEqualTo(2);
    }
}
