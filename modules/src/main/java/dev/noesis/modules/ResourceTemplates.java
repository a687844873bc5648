package dev.noesis.modules;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Mustache templates: each module's own, shipped as resources under
 * {@code dev/noesis/modules/templates/<module>/<name>.mustache}, unless the user's folder has a
 * file at {@code <folder>/<module>/<name>.mustache}, which then wins. Templates are plain text,
 * not HTML: nothing is escaped.
 *
 * <p>The user's files are checked when this is made, before any run spends a model call: each must
 * be UTF-8 text that parses, replace a shipped template (a misspelt name would silently never be
 * used), and use no partials ({@code {{> name}}}) or parents ({@code {{< name}}}), which templates
 * here do not load.
 */
public final class ResourceTemplates implements Templates {

    private static final String RESOURCES = "/dev/noesis/modules/templates/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    private final Optional<Path> overrides;
    private static final String SUFFIX = ".mustache";

    /** Partials are not loaded; should one pass the check, rendering says so instead of failing inside the library. */
    private final Mustache.Compiler compiler = Mustache.compiler()
            .escapeHTML(false)
            .defaultValue("")
            .withLoader(name -> {
                throw new InvalidInputException("A template uses the partial '" + name
                        + "', and partials are not supported:" + " put its text in the template itself.");
            });

    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    /**
     * @param overrides a folder whose templates replace the shipped ones, if given
     * @throws InvalidInputException naming each file of the folder that cannot be used, and why
     */
    public ResourceTemplates(Optional<Path> overrides) {
        this.overrides = overrides.map(p -> p.toAbsolutePath().normalize());
        this.overrides.ifPresent(this::checkOverrides);
    }

    /** Every problem of the user's templates, reported together. */
    private void checkOverrides(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder, 2)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException("Cannot list the templates folder " + folder + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            checkOverride(folder, file).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("\n", problems));
        }
    }

    /** What is wrong with one of the user's templates, if anything. */
    private Optional<String> checkOverride(Path folder, Path file) {
        Path relative = folder.relativize(file);
        String name = file.getFileName().toString();
        name = name.substring(0, name.length() - SUFFIX.length());
        if (relative.getNameCount() != 2) {
            return Optional.of("The template " + file + " is not in a module's folder: an override is <module>/<name>"
                    + SUFFIX + ", e.g. generator/task" + SUFFIX + ".");
        }
        String module = relative.getName(0).toString();
        if (!NAME.matcher(module).matches()
                || !NAME.matcher(name).matches()
                || ResourceTemplates.class.getResource(RESOURCES + module + "/" + name + SUFFIX) == null) {
            return Optional.of(
                    "The template " + file + " replaces no shipped template (there is no " + module + "/" + name
                            + "), so it would never be used: an override has the folder and name of a shipped template, e.g. generator/task"
                            + SUFFIX + ".");
        }
        String source;
        try {
            source = Utf8.decode(Files.readAllBytes(file));
        } catch (CharacterCodingException e) {
            return Optional.of("The template " + file + " is not UTF-8 text: save it as UTF-8.");
        } catch (IOException e) {
            return Optional.of("Cannot read the template " + file + ": " + e.getMessage());
        }
        Template template;
        try {
            template = compiler.compile(source);
        } catch (MustacheException e) {
            return Optional.of("The template " + file + " does not parse: " + e.getMessage());
        }
        List<String> loads = new ArrayList<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {}

            @Override
            public void visitVariable(String variable) {}

            @Override
            public boolean visitInclude(String partial) {
                loads.add("{{> " + partial + "}}");
                return false;
            }

            @Override
            public boolean visitParent(String parent) {
                loads.add("{{< " + parent + "}}");
                return false;
            }

            @Override
            public boolean visitSection(String section) {
                return true;
            }

            @Override
            public boolean visitInvertedSection(String section) {
                return true;
            }
        });
        if (!loads.isEmpty()) {
            return Optional.of("The template " + file + " uses " + String.join(", ", loads)
                    + ": partials are not supported;" + " put their text in the template itself.");
        }
        return Optional.empty();
    }

    @Override
    public String render(String module, String name, Map<String, Object> values) {
        Template t = compiled.computeIfAbsent(module + "/" + name, key -> compile(module, name));
        try {
            return t.execute(values);
        } catch (MustacheException e) {
            throw new InvalidInputException(
                    "The template " + module + "/" + name + " does not render: " + e.getMessage(), e);
        }
    }

    private Template compile(String module, String name) {
        if (!NAME.matcher(module).matches() || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad template name " + module + "/" + name);
        }
        String source = overrideSource(module, name).orElseGet(() -> shipped(module, name));
        try {
            return compiler.compile(source);
        } catch (MustacheException e) {
            throw new InvalidInputException(
                    "The template " + module + "/" + name + " does not parse: " + e.getMessage(), e);
        }
    }

    private Optional<String> overrideSource(String module, String name) {
        if (overrides.isEmpty()) {
            return Optional.empty();
        }
        Path file = overrides.get().resolve(module).resolve(name + ".mustache").normalize();
        if (!file.startsWith(overrides.get()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Utf8.decode(Files.readAllBytes(file)));
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("The template " + file + " is not UTF-8 text: save it as UTF-8.", e);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the template " + file + ": " + e.getMessage(), e);
        }
    }

    private static String shipped(String module, String name) {
        try (InputStream in =
                ResourceTemplates.class.getResourceAsStream(RESOURCES + module + "/" + name + ".mustache")) {
            if (in == null) {
                throw new InvalidInputException("There is no template " + module + "/" + name + ".");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Strict UTF-8: a file in another encoding is reported, not read with replacement characters. */
    private static final class Utf8 {
        static String decode(byte[] bytes) throws CharacterCodingException {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
    }
}
