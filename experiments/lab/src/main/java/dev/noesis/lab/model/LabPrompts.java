package dev.noesis.lab.model;

import dev.noesis.core.error.NoesisException;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.thought.Evidence;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.modules.Generator;
import dev.noesis.modules.ModulePrompts;
import dev.noesis.modules.ResourceTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prompts Noesis's pipelines give the model, rendered by the modules' own code
 * ({@link ModulePrompts}, {@link ResourceTemplates}) so that the lab model is trained on exactly
 * what the {@code raw} and {@code rag} pipelines send it.
 *
 * <p>The lab ships two template overrides, written into the lab folder's {@code templates/}: a
 * one-line system text and an evidence list without each passage's source (the source, a file
 * name and chunk number, costs about as many tokens as the passage in a 256-token context). A
 * run that wants the trained behaviour uses that same folder as {@code noesis.templates.dir}.
 */
public final class LabPrompts {

    /** The template overrides, as {@code module/name}. */
    static final List<String> OVERRIDES = List.of("common/system", "common/context");

    private static final String RESOURCES = "/dev/noesis/lab/templates/";

    private final ResourceTemplates templates;

    private LabPrompts(ResourceTemplates templates) {
        this.templates = templates;
    }

    /** The prompts under the templates of {@code overrides} (a folder written by {@link #writeTemplates}). */
    public static LabPrompts of(Path overrides) {
        return new LabPrompts(new ResourceTemplates(Optional.of(overrides)));
    }

    /** Writes the lab's template overrides into {@code dir} ({@code dir/common/system.mustache}, ...). */
    public static Path writeTemplates(Path dir) {
        try {
            for (String name : OVERRIDES) {
                Path file = dir.resolve(name + ".mustache");
                Files.createDirectories(file.getParent());
                try (InputStream in = LabPrompts.class.getResourceAsStream(RESOURCES + name + ".mustache")) {
                    if (in == null) {
                        throw new IllegalStateException("the lab's template " + name + " is not on the class path");
                    }
                    Files.write(file, in.readAllBytes());
                }
            }
            return dir;
        } catch (IOException e) {
            throw new NoesisException("Could not write the lab's templates to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the {@code raw} pipeline sends: its generator has {@code system: none} and
     * {@code task: none}, so the question (with the suite's instructions before it) alone.
     */
    public static Prompt raw(String question) {
        return Prompt.of(question);
    }

    /**
     * What the {@code rag} pipeline's generator sends when the retriever found {@code passages}
     * (best first) and all of them fit: the system text, the question, the evidence, the task.
     */
    public Prompt rag(String question, List<String> passages) {
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            // Sources are not shown by the lab's context template; scores only order the cuts.
            evidence.add(new Evidence(passages.get(i), "lab", passages.size() - i, "retriever"));
        }
        ThoughtState state = ThoughtState.of(question).withEvidence(evidence);
        Map<String, Object> values = ModulePrompts.values(state);
        values.put("revising", false);
        values.put("instruct", true);
        String task = templates.render(Generator.NAME, "task", values);
        return ModulePrompts.prompt(templates, state, ModulePrompts.system(templates), task);
    }

    /**
     * The text a document becomes as one retrieved passage: the chunker joins its paragraphs
     * (title line, body) with a space and folds white space.
     */
    public static String passage(String document) {
        return String.join(" ", document.strip().split("\\s+"));
    }
}
