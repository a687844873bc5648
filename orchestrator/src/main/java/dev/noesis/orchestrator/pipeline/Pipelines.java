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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pipelines a run can name: the built-in ones, those in the user's pipelines folder, and any
 * file given by its path.
 *
 * <p>Rules for the folder, so that what is listed is what runs:
 * <ul>
 * <li>A pipeline in the folder is named by its file: {@code my-rag.yaml} is {@code my-rag}. Its
 *     {@code name:} must say the same; a file that says another name is refused, as runs, traces
 *     and experiment results would otherwise file it under a name it is not run by.</li>
 * <li>A file cannot replace a built-in pipeline: {@code raw.yaml} in the folder is refused and
 *     {@code raw} stays the built-in baseline every experiment is measured against.</li>
 * <li>A broken file is listed with its problem (file, line and column) beside the good ones; it
 *     does not stop the others from being listed or run.</li>
 * </ul>
 * A file given by its path is read as it is, with the name its {@code name:} gives.
 */
public final class Pipelines {

    /** The built-in pipelines, in the order they are listed. */
    public static final List<String> BUILT_IN = List.of(
            "raw",
            "rag",
            "plan-solve",
            "critique-refine",
            "self-consistency",
            "generate-filter-validate-select",
            "memory-augmented");

    private static final String RESOURCES = "/dev/noesis/orchestrator/pipelines/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern YAML_FILE = Pattern.compile("(.*)\\.ya?ml");
    private static final Pattern NAME_LINE = Pattern.compile("(?m)^name\\s*:");

    private final PipelineParser parser;
    private final Optional<Path> userDir;

    /**
     * A pipeline's name, what it tests, where it comes from, and, for a file that cannot be run,
     * why (with the file and, where the problem is inside it, the line and column).
     */
    public record Entry(String name, String description, String source, Optional<String> problem) {

        public Entry {
            description = description == null ? "" : description;
            problem = problem == null ? Optional.empty() : problem;
        }

        /** A pipeline that can be run. */
        public Entry(String name, String description, String source) {
            this(name, description, source, Optional.empty());
        }

        /** Whether the pipeline can be run; when not, {@link #problem()} says why. */
        public boolean runnable() {
            return problem.isEmpty();
        }
    }

    public Pipelines(ModuleRegistry registry, Optional<Path> userDir) {
        this.parser = new PipelineParser(registry);
        this.userDir = userDir;
    }

    /**
     * Every pipeline: the built-ins, then the user's files in name order, the ones that cannot be
     * run among them with their problem. One broken file does not stop the listing.
     */
    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (String name : BUILT_IN) {
            Pipeline pipeline = parser.parse(name + ".yaml (built in)", builtInSource(name));
            out.add(new Entry(name, pipeline.description(), "built in"));
        }
        for (Path p : userFiles()) {
            String name = stem(p);
            try {
                out.add(new Entry(name, userPipeline(p).description(), p.toString()));
            } catch (InvalidInputException e) {
                out.add(new Entry(name, "", p.toString(), Optional.of(e.getMessage())));
            }
        }
        return out;
    }

    /**
     * The pipeline a run names: a file path (ending .yaml or .yml, or holding a '/'), or a name:
     * a built-in one, or a file of the pipelines folder.
     *
     * @throws InvalidInputException when there is no such pipeline or it cannot be run
     */
    public Pipeline get(String nameOrFile) {
        if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || nameOrFile.contains("/")) {
            return parser.parse(Path.of(nameOrFile));
        }
        if (BUILT_IN.contains(nameOrFile)) {
            return parser.parse(nameOrFile + ".yaml (built in)", builtInSource(nameOrFile));
        }
        Optional<Path> user = userFile(nameOrFile);
        if (user.isPresent()) {
            return userPipeline(user.get());
        }
        throw unknown(nameOrFile);
    }

    /** The YAML text of a named pipeline, to show or copy. */
    public String source(String name) {
        if (BUILT_IN.contains(name)) {
            return builtInSource(name);
        }
        Optional<Path> user = userFile(name);
        if (user.isPresent()) {
            return TextFile.read(user.get(), "pipeline file", PipelineParser.MAX_BYTES);
        }
        throw unknown(name);
    }

    /**
     * Why the user's file for {@code name} is not run, when there is such a file and it cannot be:
     * for a caller that runs the built-in {@code raw} while the folder holds a {@code raw.yaml}, and
     * wants to say so.
     */
    public Optional<String> refusal(String name) {
        Optional<Path> user = userFile(name);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        try {
            userPipeline(user.get());
            return Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.of(e.getMessage());
        }
    }

    public PipelineParser parser() {
        return parser;
    }

    /** A file of the pipelines folder, checked against the folder's rules. */
    private Pipeline userPipeline(Path file) {
        String name = stem(file);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(
                    file + ": '" + name + "' cannot name a pipeline: a name is lower-case letters,"
                            + " digits and '-', starting with a letter or digit; rename the file.");
        }
        if (BUILT_IN.contains(name)) {
            throw new InvalidInputException(file + ": refused: '" + name + "' is a built-in pipeline, and a file cannot"
                    + " replace it (the built-in pipelines, raw first, are what experiments measure against); rename the"
                    + " file, e.g. to my-" + name
                    + file.getFileName().toString().substring(name.length()) + ".");
        }
        Path other = file.resolveSibling(name + (file.toString().endsWith(".yaml") ? ".yml" : ".yaml"));
        if (file.toString().endsWith(".yml") && Files.isRegularFile(other)) {
            throw new InvalidInputException(file + ": refused: " + other.getFileName()
                    + " has the same name and is the one" + " that runs; delete or rename one of them.");
        }
        String text = TextFile.read(file, "pipeline file", PipelineParser.MAX_BYTES);
        Pipeline p = parser.parse(file.toString(), text);
        if (!p.name().equals(name)) {
            Matcher m = NAME_LINE.matcher(text);
            String at = m.find()
                    ? file + ":"
                            + (1
                                    + text.substring(0, m.start())
                                            .chars()
                                            .filter(c -> c == '\n')
                                            .count()) + ":1"
                    : file.toString();
            throw new InvalidInputException(
                    at + ": the file says name: " + p.name() + ", but a pipeline in the pipelines"
                            + " folder is named, listed and run by its file name, '" + name
                            + "'; change the line to name: " + name
                            + " (or rename the file).");
        }
        return p;
    }

    private InvalidInputException unknown(String name) {
        List<String> names = new ArrayList<>(BUILT_IN);
        for (Path p : userFiles()) {
            if (!BUILT_IN.contains(stem(p)) && !names.contains(stem(p))) {
                names.add(stem(p));
            }
        }
        return new InvalidInputException("Unknown pipeline '" + name + "'. Pipelines: " + String.join(", ", names)
                + " (or give the path of a .yaml file).");
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

    /** The folder's YAML files, sorted: badly named ones too, so that they are reported rather than silently skipped. */
    private List<Path> userFiles() {
        if (userDir.isEmpty() || !Files.isDirectory(userDir.get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(userDir.get())) {
            return files.filter(
                            p -> YAML_FILE.matcher(p.getFileName().toString()).matches() && !Files.isDirectory(p))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(
                    "Cannot list the pipelines folder " + userDir.get() + ": " + e.getMessage(), e);
        }
    }

    private static String stem(Path file) {
        Matcher m = YAML_FILE.matcher(file.getFileName().toString());
        return m.matches() ? m.group(1) : file.getFileName().toString();
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
