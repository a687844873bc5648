package dev.noesis.benchmarks.beir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A retrieval test collection in the BEIR format: {@code corpus.jsonl} ({@code _id}, {@code title},
 * {@code text}), {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/<split>.tsv}
 * ({@code query-id corpus-id score}, tab-separated, with a header line). Only the queries that have
 * judgments in the split are kept. The corpus is streamed, so large collections fit.
 */
public final class BeirDataset {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String split;
    private final Map<String, String> queries;
    private final Map<String, Map<String, Integer>> qrels;

    private BeirDataset(Path dir, String split, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {
        this.dir = dir;
        this.split = split;
        this.queries = queries;
        this.qrels = qrels;
    }

    /**
     * Reads the queries and the judgments of {@code split}; the corpus is read when asked for.
     *
     * @throws InvalidInputException when a file is missing or a line is malformed (naming the file and line)
     */
    public static BeirDataset read(Path dir, String split) {
        if (!split.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new InvalidInputException(
                    "The split '" + split + "' is not a plain name such as test, dev or train.");
        }
        Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
        for (Path f : new Path[] {dir.resolve("corpus.jsonl"), dir.resolve("queries.jsonl"), qrelsFile}) {
            if (!Files.isRegularFile(f)) {
                throw new InvalidInputException("The BEIR folder " + dir + " has no " + dir.relativize(f)
                        + "; a BEIR data set holds" + " corpus.jsonl, queries.jsonl and qrels/<split>.tsv.");
            }
        }
        Map<String, Map<String, Integer>> qrels = readQrels(qrelsFile);
        Map<String, String> queries = new LinkedHashMap<>();
        lines(dir.resolve("queries.jsonl"), (n, node) -> {
            String id = required(node, "_id", dir.resolve("queries.jsonl"), n);
            if (qrels.containsKey(id)) {
                queries.put(id, required(node, "text", dir.resolve("queries.jsonl"), n));
            }
        });
        qrels.keySet().removeIf(id -> !queries.containsKey(id));
        if (queries.isEmpty()) {
            throw new InvalidInputException(
                    "No query in " + dir.resolve("queries.jsonl") + " has a judgment in " + qrelsFile + ".");
        }
        return new BeirDataset(dir, split, Collections.unmodifiableMap(queries), Collections.unmodifiableMap(qrels));
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file) {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || (n == 1 && line.startsWith("query-id"))) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3) {
                    throw new InvalidInputException(
                            file + ":" + n + ": expected 'query-id<TAB>corpus-id<TAB>score', got '" + line + "'.");
                }
                try {
                    qrels.computeIfAbsent(f[0].strip(), q -> new LinkedHashMap<>())
                            .put(f[1].strip(), Integer.parseInt(f[2].strip()));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(
                            file + ":" + n + ": the score '" + f[2] + "' is not a whole number.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return qrels;
    }

    /** The split's queries that have judgments, by id, in file order. */
    public Map<String, String> queries() {
        return queries;
    }

    /** Relevance judgments: query id to (document id to grade). */
    public Map<String, Map<String, Integer>> qrels() {
        return qrels;
    }

    public Path dir() {
        return dir;
    }

    public String split() {
        return split;
    }

    /** A short name for reports: the folder's name. */
    public String name() {
        return dir.getFileName().toString();
    }

    public Path corpusFile() {
        return dir.resolve("corpus.jsonl");
    }

    /** Streams the corpus, in file order. */
    public void forEachDocument(Consumer<BeirDocument> consumer) {
        Path file = corpusFile();
        lines(
                file,
                (n, node) -> consumer.accept(new BeirDocument(
                        required(node, "_id", file, n),
                        node.path("title").asText(""),
                        node.path("text").asText(""))));
    }

    /** Number of documents in the corpus (one per non-blank line). */
    public long corpusSize() {
        try (var lines = Files.lines(corpusFile(), StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface LineConsumer {
        void accept(int lineNumber, JsonNode node);
    }

    private static void lines(Path file, LineConsumer consumer) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(file + ":" + n + ": not a JSON object: " + e.getOriginalMessage());
                }
                consumer.accept(n, node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(JsonNode node, String field, Path file, int line) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new InvalidInputException(file + ":" + line + ": the field \"" + field + "\" is missing or empty.");
        }
        return v.asText();
    }
}
