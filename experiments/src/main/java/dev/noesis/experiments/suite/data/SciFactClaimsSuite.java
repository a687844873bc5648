package dev.noesis.experiments.suite.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.suite.AnswerSchemas;
import dev.noesis.experiments.suite.CorpusMetric;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import dev.noesis.experiments.suite.SuiteSetup.SetupDocument;
import dev.noesis.experiments.suite.extract.ExtractionRules;
import dev.noesis.experiments.suite.extract.Extractor;
import dev.noesis.experiments.suite.metric.MacroF1;
import dev.noesis.experiments.suite.metric.Scorer;
import dev.noesis.experiments.suite.scored.ScoredSuite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SciFact claim verification: each claim that the SciFact annotators labelled (693 of BEIR's
 * 1,109 queries; the others have no evidence) is answered SUPPORT or CONTRADICT, scored by
 * accuracy per item and macro-F1 over the two labels for the whole set. The label comes from the
 * claim's metadata in {@code queries.jsonl} (every cited abstract of a claim carries the same label
 * in this data; a claim whose abstracts disagree is refused). The setup is the abstracts the claims
 * cite, as documents (at most {@value #MAX_DOCUMENTS}).
 *
 * <p>Ids are the claim ids; the category is the gold label, so a report shows the accuracy on each
 * (a model that always answers SUPPORT is seen at once); metadata has {@code split} (test or
 * train, from the qrels) and {@code documents} (the cited abstract ids, comma-separated).
 */
public final class SciFactClaimsSuite extends ScoredSuite {

    public static final String NAME = "scifact-claims";
    /** The folder under the data root. */
    public static final String FOLDER = "beir-scifact";

    public static final String SUPPORT = "SUPPORT";
    public static final String CONTRADICT = "CONTRADICT";
    public static final List<String> LABELS = List.of(SUPPORT, CONTRADICT);

    /** The most abstracts a setup holds; the whole suite cites 437. */
    public static final int MAX_DOCUMENTS = 5_000;

    static final String INSTRUCTIONS = "Decide whether the scientific claim is supported or contradicted by the"
            + " research literature. Answer with one word: SUPPORT or CONTRADICT.";

    private final Path queries;
    private final Path corpus;
    private final Path folder;

    /** @param folder the BEIR SciFact folder: {@code queries.jsonl}, {@code corpus.jsonl}, {@code qrels/} */
    public SciFactClaimsSuite(Path folder) {
        super(
                NAME,
                "SciFact claims, verified as SUPPORT or CONTRADICT with the cited abstracts as documents;"
                        + " accuracy and macro-F1",
                INSTRUCTIONS,
                new Extractor(List.of(ExtractionRules.jsonField("answer"), ExtractionRules.label(LABELS))),
                Scorer.accuracy());
        String what = "the scifact-claims suite's data";
        JsonData.requireFolder(folder, what, "BEIR SciFact: queries.jsonl, corpus.jsonl and qrels/");
        this.folder = folder;
        this.queries = JsonData.requireFile(
                folder.resolve("queries.jsonl"), what, "BEIR SciFact queries (_id, text, metadata with labels)");
        this.corpus =
                JsonData.requireFile(folder.resolve("corpus.jsonl"), what, "BEIR SciFact corpus (_id, title, text)");
    }

    @Override
    protected List<SuiteItem> readItems() {
        Map<String, String> splits = splits();
        List<SuiteItem> items = new ArrayList<>();
        Map<String, Long> lineOfId = new HashMap<>();
        JsonData.eachLine(queries, (record, line) -> {
            JsonNode metadata = record.path("metadata");
            if (!metadata.isObject() || metadata.isEmpty()) {
                return; // no evidence: neither SUPPORT nor CONTRADICT
            }
            String id = JsonData.text(record, "_id", queries, line);
            Long before = lineOfId.putIfAbsent(id, line);
            if (before != null) {
                throw new InvalidInputException(
                        queries + ":" + line + ": the claim id '" + id + "' was already used at line " + before + ".");
            }
            Set<String> labels = new LinkedHashSet<>();
            List<String> documents = new ArrayList<>();
            for (Map.Entry<String, JsonNode> cited : metadata.properties()) {
                documents.add(cited.getKey());
                for (JsonNode evidence : cited.getValue()) {
                    labels.add(evidence.path("label").asText());
                }
            }
            if (labels.size() != 1 || !LABELS.contains(labels.iterator().next())) {
                throw new InvalidInputException(queries + ":" + line + ": claim '" + id + "' has the labels " + labels
                        + "; expected one of " + LABELS + " for all its abstracts.");
            }
            String label = labels.iterator().next();
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("documents", String.join(",", documents));
            if (splits.containsKey(id)) {
                meta.put("split", splits.get(id));
            }
            items.add(new SuiteItem(id, JsonData.text(record, "text", queries, line), List.of(label), label, meta));
        });
        return items;
    }

    /** Claim id to its qrels split, for the splits present. */
    private Map<String, String> splits() {
        Map<String, String> out = new HashMap<>();
        for (String split : List.of("test", "train")) {
            Path qrels = folder.resolve("qrels").resolve(split + ".tsv");
            if (!Files.isRegularFile(qrels)) {
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(qrels, StandardCharsets.UTF_8)) {
                String row;
                while ((row = in.readLine()) != null) {
                    String[] cols = row.split("\t");
                    if (cols.length >= 2 && !cols[0].equals("query-id")) {
                        out.putIfAbsent(cols[0].strip(), split);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + qrels, e);
            }
        }
        return out;
    }

    /** The abstracts these claims cite, in the corpus's order, read as a stream. */
    @Override
    public SuiteSetup setup(List<SuiteItem> items) {
        Set<String> wanted = new LinkedHashSet<>();
        for (SuiteItem item : items) {
            for (String doc : item.metadata().getOrDefault("documents", "").split(",")) {
                if (!doc.isBlank()) {
                    wanted.add(doc.strip());
                }
            }
        }
        if (wanted.size() > MAX_DOCUMENTS) {
            throw new InvalidInputException("These " + items.size() + " claims cite " + wanted.size()
                    + " abstracts; a setup holds at most " + MAX_DOCUMENTS + ".");
        }
        List<SetupDocument> documents = new ArrayList<>();
        JsonData.eachLine(corpus, (record, line) -> {
            String id = JsonData.optionalText(record, "_id");
            if (id != null && wanted.contains(id)) {
                String title = JsonData.optionalText(record, "title");
                documents.add(new SetupDocument(
                        "scifact/" + id, title == null ? "" : title, JsonData.text(record, "text", corpus, line)));
            }
        });
        if (documents.size() < wanted.size()) {
            Set<String> missing = new LinkedHashSet<>(wanted);
            documents.forEach(d -> missing.remove(d.id().substring("scifact/".length())));
            throw new InvalidInputException(corpus + " lacks the abstracts " + missing + " that the claims cite.");
        }
        return new SuiteSetup(documents, List.of());
    }

    @Override
    public Optional<JsonSchema> answerSchema() {
        return Optional.of(AnswerSchemas.label(LABELS));
    }

    @Override
    public List<CorpusMetric> corpusMetrics() {
        return List.of(new MacroF1());
    }
}
