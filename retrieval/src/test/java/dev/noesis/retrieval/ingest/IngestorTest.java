package dev.noesis.retrieval.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.retrieval.MetadataFilter;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.retrieval.TestModels;
import dev.noesis.retrieval.chunking.Chunker;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingestion of real files of every supported type, through the real parsers, model and index. */
class IngestorTest {

    private static DjlEmbedder embedder;

    @TempDir
    Path work;

    @BeforeAll
    static void loadModel() {
        embedder = TestModels.open();
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    static void writePdf(Path file, String title, String... lines) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.setLeading(16);
                cs.newLineAtOffset(72, 700);
                for (String line : lines) {
                    cs.showText(line);
                    cs.newLine();
                }
                cs.endText();
            }
            doc.getDocumentInformation().setTitle(title);
            doc.save(file.toFile());
        }
    }

    private Path docs() throws IOException {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(
                docs.resolve("notes.txt"), "Axolotls can regrow entire limbs. They are salamanders from Mexico.\n");
        Files.writeString(
                docs.resolve("guide.md"),
                "# Field guide\n\n## Birds\n\nThe kea is a parrot from New Zealand.\n\n"
                        + "## Mammals\n\nThe wombat digs burrows.\n");
        Files.writeString(
                docs.resolve("page.html"),
                "<html><head><title>Tardigrades</title><script>var x = 'hidden words';</script></head>"
                        + "<body><nav>Home | About</nav><h1>Water bears</h1><p>Tardigrades survive the vacuum of space.</p></body></html>");
        writePdf(
                docs.resolve("platypus.pdf"),
                "Platypus facts",
                "The platypus is a mammal that lays eggs.",
                "It hunts with electroreception.");
        Files.writeString(docs.resolve("report.docx"), "not read");
        Files.write(docs.resolve("broken.pdf"), "%PDF-1.7 this is not really a PDF".getBytes());
        Files.writeString(docs.resolve("huge.txt"), "x".repeat(5000));
        Files.createDirectories(docs.resolve(".git"));
        Files.writeString(docs.resolve(".git/config.txt"), "hidden folder");
        Files.createDirectories(docs.resolve("sub"));
        Files.writeString(docs.resolve("sub/deep.md"), "Quokkas live on Rottnest Island.");
        Path outside = Files.writeString(work.resolve("outside.txt"), "Secret text outside the folder.");
        Files.createSymbolicLink(docs.resolve("link-out.txt"), outside);
        Files.createSymbolicLink(docs.resolve("link-in.md"), docs.resolve("sub/deep.md"));
        Files.createSymbolicLink(docs.resolve("link-dir"), work);
        return docs;
    }

    @Test
    void ingestsEveryTypeReportsWhatItSkipsAndStaysInsideTheFolder() throws IOException {
        Path docs = docs();
        Ingestor.Settings settings =
                Ingestor.Settings.DEFAULTS.withMaxFileBytes(4000).withTags(List.of("zoo"));
        List<Path> committed = new ArrayList<>();
        try (LuceneHybridIndex index =
                LuceneHybridIndex.open(work.resolve("index"), embedder, IndexSettings.DEFAULTS)) {
            Ingestor.Report r = new Ingestor(index, Chunker.defaults(), settings)
                    .ingest(List.of(docs), new Ingestor.Listener() {
                        @Override
                        public void committed(List<Path> files) {
                            committed.addAll(files);
                        }
                    });

            assertThat(r.added()).isEqualTo(5);
            assertThat(r.files()).isEqualTo(6); // the five, and the broken PDF
            assertThat(r.failed()).singleElement().satisfies(p -> {
                assertThat(p.path().getFileName().toString()).isEqualTo("broken.pdf");
                assertThat(p.reason()).contains("PDF");
            });
            assertThat(r.skipped())
                    .extracting(p -> p.path().getFileName().toString())
                    .containsExactlyInAnyOrder("report.docx", "huge.txt", "link-out.txt", "link-dir", "link-in.md");
            assertThat(r.skipped())
                    .filteredOn(p -> p.path().endsWith("link-in.md"))
                    .singleElement()
                    .satisfies(p ->
                            assertThat(p.reason()).contains("sub/deep.md").contains("ingested under its own path"));
            assertThat(r.skipped())
                    .filteredOn(p -> p.path().endsWith("report.docx"))
                    .singleElement()
                    .satisfies(
                            p -> assertThat(p.reason()).contains("unknown type").contains(".pdf"));
            assertThat(r.skipped())
                    .filteredOn(p -> p.path().endsWith("huge.txt"))
                    .singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("too large").contains("5,000"));
            assertThat(r.skipped())
                    .filteredOn(p -> p.path().endsWith("link-out.txt"))
                    .singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("outside"));
            assertThat(committed).hasSize(5);
            assertThat(r.chunks()).isEqualTo(index.stats().chunks());

            assertThat(top(index, "animal that lays eggs")).satisfies(p -> {
                assertThat(p.title()).isEqualTo("Platypus facts");
                assertThat(p.source()).endsWith("platypus.pdf");
            });
            assertThat(top(index, "tardigrades in space")).satisfies(p -> {
                assertThat(p.title()).isEqualTo("Tardigrades > Water bears");
                assertThat(p.text()).isEqualTo("Tardigrades survive the vacuum of space.");
            });
            assertThat(top(index, "kea parrot").title()).isEqualTo("Field guide > Birds");
            assertThat(top(index, "regrow limbs").source()).endsWith("notes.txt");
            // The link inside the folder is the same file as its target: indexed once, under the real path.
            assertThat(index.search(RetrievalQuery.of("quokka Rottnest", 10), SearchMode.BM25))
                    .singleElement()
                    .satisfies(p -> assertThat(p.source()).endsWith("sub/deep.md"));
            // Nothing from outside the folder, from hidden folders, or from scripts.
            for (String absent : List.of("secret outside", "hidden folder", "hidden words", "Home About")) {
                assertThat(index.search(RetrievalQuery.of(absent, 10), SearchMode.BM25))
                        .as(absent)
                        .isEmpty();
            }
            assertThat(index.search(
                            RetrievalQuery.of("wombat", 5).withFilter(MetadataFilter.equal("tag", "zoo")),
                            SearchMode.HYBRID))
                    .isNotEmpty();
            assertThat(index.search(
                            RetrievalQuery.of("wombat", 5).withFilter(MetadataFilter.equal("type", "md")),
                            SearchMode.BM25))
                    .isNotEmpty();
        }
    }

    @Test
    void unchangedFilesAreSkippedAndChangedOnesReplaced() throws IOException {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Path a = Files.writeString(docs.resolve("a.md"), "Narwhals have a long tusk.");
        Files.writeString(docs.resolve("b.txt"), "Okapis are related to giraffes.");
        try (LuceneHybridIndex index =
                LuceneHybridIndex.open(work.resolve("index"), embedder, IndexSettings.DEFAULTS)) {
            Ingestor ingestor = new Ingestor(
                    index, Chunker.defaults(), Ingestor.Settings.DEFAULTS.withCommitEvery(1, Duration.ofHours(1)));
            assertThat(ingestor.ingest(List.of(docs), new Ingestor.Listener() {})
                            .added())
                    .isEqualTo(2);

            Ingestor.Report again = ingestor.ingest(List.of(docs), new Ingestor.Listener() {});
            assertThat(again.unchanged()).isEqualTo(2);
            assertThat(again.added() + again.updated()).isZero();

            Files.writeString(a, "Narwhals are whales of the Arctic.");
            Ingestor.Report changed = ingestor.ingest(List.of(a), new Ingestor.Listener() {});
            assertThat(changed.updated()).isEqualTo(1);
            assertThat(index.search(RetrievalQuery.of("tusk", 5), SearchMode.BM25))
                    .isEmpty();
            assertThat(index.search(RetrievalQuery.of("Arctic whales", 5), SearchMode.BM25))
                    .hasSize(1);
            assertThat(index.stats().documents()).isEqualTo(2);

            // A file emptied of text leaves the index.
            Files.writeString(a, "   ");
            Ingestor.Report emptied = ingestor.ingest(List.of(a), new Ingestor.Listener() {});
            assertThat(emptied.skipped())
                    .singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("no text"));
            assertThat(index.stats().documents()).isEqualTo(1);
        }
    }

    @Test
    void aMissingPathIsReportedAndTheRestGoOn() throws IOException {
        Path file = Files.writeString(work.resolve("one.txt"), "Capybaras are the largest rodents.");
        try (LuceneHybridIndex index =
                LuceneHybridIndex.open(work.resolve("index"), embedder, IndexSettings.DEFAULTS)) {
            Ingestor.Report r = new Ingestor(index, Chunker.defaults(), Ingestor.Settings.DEFAULTS)
                    .ingest(List.of(work.resolve("nope"), file), new Ingestor.Listener() {});
            assertThat(r.added()).isEqualTo(1);
            assertThat(r.skipped())
                    .singleElement()
                    .satisfies(p -> assertThat(p.reason()).isEqualTo("does not exist"));
        }
    }

    @Test
    void anEmptyFileIsSkippedAsEmptyAndOnlyAPdfIsSuspectedOfBeingScanned() throws IOException {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("empty.txt"), "");
        Files.writeString(docs.resolve("blank.md"), " \n\t\n");
        try (PDDocument blank = new PDDocument()) {
            blank.addPage(new PDPage());
            blank.save(docs.resolve("scan.pdf").toFile());
        }
        try (LuceneHybridIndex index =
                LuceneHybridIndex.open(work.resolve("index"), embedder, IndexSettings.DEFAULTS)) {
            Ingestor.Report r = new Ingestor(index, Chunker.defaults(), Ingestor.Settings.DEFAULTS)
                    .ingest(List.of(docs), new Ingestor.Listener() {});

            assertThat(r.skipped())
                    .extracting(p -> p.path().getFileName().toString() + ": " + p.reason())
                    .containsExactlyInAnyOrder(
                            "empty.txt: the file is empty",
                            "blank.md: no text found",
                            "scan.pdf: no text found (a scanned PDF without a text layer?)");
        }
    }

    @Test
    void reingestingAFolderTakesOutTheFilesDeletedFromIt() throws IOException {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "Narwhals have a long tusk.");
        Path b = Files.writeString(docs.resolve("b.txt"), "Okapis are related to giraffes.");
        Path sub = Files.createDirectories(docs.resolve("sub"));
        Files.writeString(sub.resolve("c.md"), "Quokkas live on Rottnest Island.");
        Path elsewhere = Files.writeString(
                Files.createDirectories(work.resolve("elsewhere")).resolve("d.txt"), "Wombats dig burrows.");
        Path docsNamedPrefix = Files.createDirectories(work.resolve("docs-more"));
        Files.writeString(docsNamedPrefix.resolve("e.txt"), "Kiwis are birds that cannot fly.");
        try (LuceneHybridIndex index =
                LuceneHybridIndex.open(work.resolve("index"), embedder, IndexSettings.DEFAULTS)) {
            Ingestor ingestor = new Ingestor(index, Chunker.defaults(), Ingestor.Settings.DEFAULTS);
            assertThat(ingestor.ingest(List.of(docs, elsewhere, docsNamedPrefix), new Ingestor.Listener() {})
                            .added())
                    .isEqualTo(5);

            Files.delete(b);
            Files.delete(sub.resolve("c.md"));
            Files.delete(sub);
            Files.delete(elsewhere); // not under the folder ingested again: stays until removed by name
            Ingestor.Report again = ingestor.ingest(List.of(docs), new Ingestor.Listener() {});

            Path real = docs.toRealPath();
            assertThat(again.removed()).containsExactly(real.resolve("b.txt"), real.resolve("sub/c.md"));
            assertThat(again.unchanged()).isEqualTo(1);
            for (String gone : List.of("okapi giraffe", "quokka Rottnest")) {
                assertThat(index.search(RetrievalQuery.of(gone, 5), SearchMode.BM25))
                        .as(gone)
                        .isEmpty();
            }
            assertThat(index.search(RetrievalQuery.of("wombat", 5), SearchMode.BM25))
                    .hasSize(1);
            assertThat(index.search(RetrievalQuery.of("kiwi", 5), SearchMode.BM25))
                    .hasSize(1);
            assertThat(index.stats().documents()).isEqualTo(3);

            // Ingesting one file of the folder removes nothing else.
            assertThat(ingestor.ingest(List.of(docs.resolve("a.md")), new Ingestor.Listener() {})
                            .removed())
                    .isEmpty();
        }
    }

    @Test
    void removeTakesFilesAndFoldersOutByTheirPathsWhetherOrNotTheyStillExist() throws IOException {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Path a = Files.writeString(docs.resolve("a.md"), "Narwhals have a long tusk.");
        Path b = Files.writeString(docs.resolve("b.txt"), "Okapis are related to giraffes.");
        Path sub = Files.createDirectories(docs.resolve("sub"));
        Files.writeString(sub.resolve("c.md"), "Quokkas live on Rottnest Island.");
        Files.writeString(sub.resolve("d.md"), "Wombats dig burrows.");
        Path index = work.resolve("index");
        try (LuceneHybridIndex writable = LuceneHybridIndex.open(index, embedder, IndexSettings.DEFAULTS)) {
            new Ingestor(writable, Chunker.defaults(), Ingestor.Settings.DEFAULTS)
                    .ingest(List.of(docs), new Ingestor.Listener() {});
        }
        Files.delete(b);
        Path real = docs.toRealPath();

        Ingestor.Removal r;
        try (LuceneHybridIndex removing = LuceneHybridIndex.openToRemove(index, IndexSettings.DEFAULTS)) {
            r = new Ingestor(removing, Chunker.defaults(), Ingestor.Settings.DEFAULTS)
                    .remove(List.of(b, docs.resolve("sub/../sub"), docs.resolve("never.txt")));
        }

        assertThat(r.removed())
                .containsExactly(real.resolve("b.txt"), real.resolve("sub/c.md"), real.resolve("sub/d.md"));
        assertThat(r.notIndexed()).containsExactly(docs.resolve("never.txt"));
        try (LuceneHybridIndex reader = LuceneHybridIndex.openReadOnly(index, embedder, IndexSettings.DEFAULTS)) {
            assertThat(reader.contentHashes()).containsOnlyKeys(a.toRealPath().toString());
        }
    }

    private static Passage top(LuceneHybridIndex index, String query) {
        List<Passage> hits = index.search(RetrievalQuery.of(query, 3), SearchMode.HYBRID);
        assertThat(hits).as(query).isNotEmpty();
        return hits.getFirst();
    }
}
