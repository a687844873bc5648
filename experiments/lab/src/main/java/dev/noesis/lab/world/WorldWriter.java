package dev.noesis.lab.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a {@link World} to a folder:
 *
 * <pre>
 * world.json                      seed, size and counts
 * documents/NAME.txt              one page per entity (trained and held-out facts alike)
 * triples.jsonl                   every fact as {"s","r","o"} (what `noesis memory import triples` reads)
 * split/trained.jsonl             the facts the model is trained on, same format
 * split/held-out.jsonl            the facts it never sees
 * questions/trained.jsonl|.yaml   questions answered from trained facts (a user suite)
 * questions/held-out.jsonl|.yaml  questions that need at least one held-out fact
 * domains/ID/train.jsonl          task-domain items to train an adapter on
 * domains/ID/test.jsonl|.yaml     task-domain items to test on (a user suite)
 * </pre>
 *
 * The same world gives byte-identical files.
 */
public final class WorldWriter {

    /** Test items per task domain. */
    public static final int DOMAIN_TEST_ITEMS = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The instructions of the question suites: the harness puts them, a blank line, then the question. */
    public static final String INSTRUCTIONS = "Answer with the name or the number only.";

    /** The settings of a question suite (a user suite's YAML), with its description to fill in. */
    public static final String QUESTIONS_YAML = """
            description: %s
            metric: em
            extraction: [answer-prefix, first-line]
            instructions: %s
            """;

    private WorldWriter() {}

    /**
     * Writes {@code world} into {@code dir}, which must not exist or be empty.
     *
     * @return the folder
     */
    public static Path write(World world, Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        checkTarget(target);
        try {
            Files.createDirectories(target.resolve("documents"));
            Files.createDirectories(target.resolve("split"));
            Files.createDirectories(target.resolve("questions"));
            for (var doc : world.documents().entrySet()) {
                Files.writeString(
                        target.resolve("documents").resolve(doc.getKey()), doc.getValue(), StandardCharsets.UTF_8);
            }
            writeLines(target.resolve("triples.jsonl"), world.facts().stream().map(WorldWriter::triple));
            writeLines(
                    target.resolve("split/trained.jsonl"),
                    world.facts().stream().filter(Fact::trained).map(WorldWriter::triple));
            writeLines(
                    target.resolve("split/held-out.jsonl"),
                    world.facts().stream().filter(f -> !f.trained()).map(WorldWriter::triple));
            writeQuestions(
                    target,
                    "trained",
                    world.questions(true),
                    "Lab questions answered from facts the model was trained on");
            writeQuestions(
                    target, "held-out", world.questions(false), "Lab questions that need facts the model never saw");
            for (TaskDomain domain : TaskDomain.values()) {
                writeDomain(target, domain, domain.items(world.seed(), DOMAIN_TEST_ITEMS));
            }
            Files.writeString(target.resolve("world.json"), manifest(world), StandardCharsets.UTF_8);
            return target;
        } catch (IOException | UncheckedIOException e) {
            throw new NoesisException("Could not write the world to " + target + ": " + e.getMessage(), e);
        }
    }

    private static void writeQuestions(Path dir, String name, List<Question> questions, String description)
            throws IOException {
        writeLines(
                dir.resolve("questions").resolve(name + ".jsonl"),
                questions.stream().map(WorldWriter::question));
        Files.writeString(
                dir.resolve("questions").resolve(name + ".yaml"),
                QUESTIONS_YAML.formatted(description, INSTRUCTIONS),
                StandardCharsets.UTF_8);
    }

    private static void writeDomain(Path dir, TaskDomain domain, TaskDomain.Split split) throws IOException {
        Path d = Files.createDirectories(dir.resolve("domains").resolve(domain.id()));
        writeLines(d.resolve("train.jsonl"), split.train().stream().map(WorldWriter::taskItem));
        writeLines(d.resolve("test.jsonl"), split.test().stream().map(WorldWriter::taskItem));
        Files.writeString(d.resolve("test.yaml"), """
                description: Two-number sums, answer format '%s'
                metric: em
                extraction: [answer-prefix, first-line]
                instructions: Answer with the result only.
                """.formatted(domain.id()), StandardCharsets.UTF_8);
    }

    /** A fact as the {"s", "r", "o"} record the triples file and the suites hold. */
    public static Map<String, Object> triple(Fact f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", f.subject());
        m.put("r", f.relation().predicate());
        m.put("o", f.object());
        return m;
    }

    private static Map<String, Object> question(Question q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.id());
        m.put("question", q.question());
        m.put("answer", q.answer());
        m.put("category", q.category());
        m.put("split", q.trained() ? "trained" : "held-out");
        m.put("evidence", q.evidence().stream().map(WorldWriter::triple).toList());
        return m;
    }

    private static Map<String, Object> taskItem(TaskItem t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("question", t.prompt());
        m.put("answer", t.answer());
        return m;
    }

    private static String manifest(World w) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", w.seed());
        m.put("people", w.people().size());
        m.put("cities", w.cities().size());
        m.put("countries", w.countries().size());
        m.put("companies", w.companies().size());
        m.put("facts", w.facts().size());
        m.put("trainedFacts", w.facts().stream().filter(Fact::trained).count());
        m.put("questions", w.questions().size());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n";
    }

    private static void writeLines(Path file, Stream<Map<String, Object>> records) throws IOException {
        StringBuilder sb = new StringBuilder();
        records.forEach(r -> {
            try {
                sb.append(JSON.writeValueAsString(r)).append('\n');
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private static void checkTarget(Path target) {
        if (Files.isRegularFile(target)) {
            throw new InvalidInputException(target + " is a file; give a folder to write the world into.");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new InvalidInputException(
                            "The folder " + target + " already exists and is not empty; choose a new folder.");
                }
            } catch (IOException e) {
                throw new InvalidInputException("Cannot read the folder " + target + ": " + e.getMessage(), e);
            }
        }
    }
}
