package dev.noesis.orchestrator.pipeline;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.orchestrator.Pipeline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pipelines a run can name: the built-in ones, those in the user's pipelines folder (which
 * win over built-ins of the same name), and any file given by its path.
 */
public final class Pipelines {

    /** The built-in pipelines, in the order they are listed. */
    public static final List<String> BUILT_IN = List.of(
            "raw", "rag", "plan-solve", "critique-refine", "self-consistency", "generate-filter-validate-select",
            "memory-augmented");

    private static final String RESOURCES = "/dev/noesis/orchestrator/pipelines/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final PipelineParser parser;
    private final Optional<Path> userDir;

    /** A pipeline's name, what it tests, and where it comes from. */
    public record Entry(String name, String description, String source) {}

    public Pipelines(ModuleRegistry registry, Optional<Path> userDir) {
        this.parser = new PipelineParser(registry);
        this.userDir = userDir;
    }

    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        List<String> overridden = new ArrayList<>();
        for (Path p : userFiles()) {
            Pipeline pipeline = parser.parse(p);
            out.add(new Entry(pipeline.name(), pipeline.description(), p.toString()));
            overridden.add(pipeline.name());
        }
        for (String name : BUILT_IN) {
            if (!overridden.contains(name)) {
                Pipeline pipeline = parser.parse(name + ".yaml (built in)", builtInSource(name));
                out.add(new Entry(name, pipeline.description(), "built in"));
            }
        }
        return out;
    }

    /** The pipeline a run names: a file path (ending .yaml or .yml), or a name. */
    public Pipeline get(String nameOrFile) {
        if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || nameOrFile.contains("/")) {
            Path file = Path.of(nameOrFile);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("There is no pipeline file " + file + ".");
            }
            return parser.parse(file);
        }
        Optional<Path> user = userFile(nameOrFile);
        if (user.isPresent()) {
            return parser.parse(user.get());
        }
        return parser.parse(nameOrFile + ".yaml (built in)", source(nameOrFile));
    }

    /** The YAML text of a named pipeline, to show or copy. */
    public String source(String name) {
        Optional<Path> user = userFile(name);
        if (user.isPresent()) {
            try {
                return Files.readString(user.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException("Cannot read " + user.get() + ": " + e.getMessage(), e);
            }
        }
        if (!BUILT_IN.contains(name)) {
            List<String> names = new ArrayList<>(BUILT_IN);
            userFiles().forEach(p -> names.add(p.getFileName().toString().replaceFirst("\\.ya?ml$", "")));
            throw new InvalidInputException("Unknown pipeline '" + name + "'. Pipelines: " + String.join(", ", names)
                    + " (or give the path of a .yaml file).");
        }
        return builtInSource(name);
    }

    public PipelineParser parser() {
        return parser;
    }

    private Optional<Path> userFile(String name) {
        if (userDir.isEmpty() || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        for (String ext : List.of(".yaml", ".yml")) {
            Path p = userDir.get().resolve(name + ext);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private List<Path> userFiles() {
        if (userDir.isEmpty() || !Files.isDirectory(userDir.get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(userDir.get())) {
            return files.filter(p -> p.getFileName().toString().matches("[a-z0-9][a-z0-9-]*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException("Cannot list the pipelines folder " + userDir.get() + ": " + e.getMessage(), e);
        }
    }

    private static String builtInSource(String name) {
        try (InputStream in = Pipelines.class.getResourceAsStream(RESOURCES + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("the built-in pipeline " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
