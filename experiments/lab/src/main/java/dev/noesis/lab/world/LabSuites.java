package dev.noesis.lab.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.NoesisException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A world's questions as user suites of the experiment harness (see {@code experiments/SUITES.md}):
 * one JSONL file and its YAML per side of the split, every item with its id, question, gold
 * answer and category. The setup is the whole world: every entity page as a document (for the
 * {@code rag} pipeline's index) and, if asked, every triple as a fact (for memory). They are carried by the
 * first item of each suite, once, since the harness takes the union of its items' setups and would
 * otherwise ingest a page as often as items name it; run the whole suite, not a slice.
 */
public final class LabSuites {

    /** The suite of questions that need a held-out fact. */
    public static final String HELD_OUT = "lab-held-out";

    /** The suite of questions answered from trained facts: the control where retrieval adds little. */
    public static final String TRAINED = "lab-trained";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabSuites() {}

    /**
     * Writes both suites into {@code dir} ({@code lab-held-out.jsonl} and {@code .yaml},
     * {@code lab-trained.jsonl} and {@code .yaml}), replacing earlier ones.
     *
     * @param categories the question categories to keep (e.g. {@link Question#ONE_HOP}); empty for all
     * @param withFacts  whether the setup holds the triples too: the harness then starts a memory
     *                   server for the suite, which only {@code memory-augmented} needs
     * @return the JSONL file of each suite, by name
     */
    public static Map<String, Path> write(World world, Path dir, List<String> categories, boolean withFacts) {
        Map<String, Path> out = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            out.put(HELD_OUT, writeSuite(world, dir, HELD_OUT, false, categories, withFacts));
            out.put(TRAINED, writeSuite(world, dir, TRAINED, true, categories, withFacts));
            return out;
        } catch (IOException | UncheckedIOException e) {
            throw new NoesisException("Could not write the lab's suites to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path writeSuite(
            World world, Path dir, String name, boolean trained, List<String> categories, boolean withFacts)
            throws IOException {
        List<Question> questions = world.questions(trained).stream()
                .filter(q -> categories.isEmpty() || categories.contains(q.category()))
                .toList();
        List<String> lines = new ArrayList<>();
        for (Question q : questions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", q.id());
            m.put("question", q.question());
            m.put("answer", q.answer());
            m.put("category", q.category());
            if (lines.isEmpty()) {
                m.put("documents", documents(world));
                if (withFacts) {
                    m.put(
                            "facts",
                            world.facts().stream().map(WorldWriter::triple).toList());
                }
            }
            lines.add(JSON.writeValueAsString(m));
        }
        Path jsonl = dir.resolve(name + ".jsonl");
        Files.write(jsonl, lines, StandardCharsets.UTF_8);
        String description = trained
                ? "Lab questions answered from facts the model was trained on"
                : "Lab questions that need facts the model never saw";
        Files.writeString(
                dir.resolve(name + ".yaml"),
                "name: " + name + "\n" + WorldWriter.QUESTIONS_YAML.formatted(description, WorldWriter.INSTRUCTIONS),
                StandardCharsets.UTF_8);
        return jsonl;
    }

    private static List<Map<String, String>> documents(World world) {
        List<Map<String, String>> docs = new ArrayList<>();
        world.documents().forEach((file, text) -> {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("id", file.substring(0, file.length() - ".txt".length()));
            d.put("title", "");
            d.put("text", text);
            docs.add(d);
        });
        return docs;
    }
}
