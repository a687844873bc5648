package dev.noesis.modules;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Mustache templates: each module's own, shipped as resources under
 * {@code dev/noesis/modules/templates/<module>/<name>.mustache}, unless the user's folder has a
 * file at {@code <folder>/<module>/<name>.mustache}, which then wins. Templates are plain text,
 * not HTML: nothing is escaped.
 */
public final class ResourceTemplates implements Templates {

    private static final String RESOURCES = "/dev/noesis/modules/templates/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    private final Optional<Path> overrides;
    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).defaultValue("");
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    /** @param overrides a folder whose templates replace the shipped ones, if given */
    public ResourceTemplates(Optional<Path> overrides) {
        this.overrides = overrides.map(p -> p.toAbsolutePath().normalize());
    }

    @Override
    public String render(String module, String name, Map<String, Object> values) {
        Template t = compiled.computeIfAbsent(module + "/" + name, key -> compile(module, name));
        try {
            return t.execute(values);
        } catch (MustacheException e) {
            throw new InvalidInputException("The template " + module + "/" + name + " does not render: " + e.getMessage(), e);
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
            throw new InvalidInputException("The template " + module + "/" + name + " does not parse: " + e.getMessage(), e);
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
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the template " + file + ": " + e.getMessage(), e);
        }
    }

    private static String shipped(String module, String name) {
        try (InputStream in = ResourceTemplates.class.getResourceAsStream(RESOURCES + module + "/" + name + ".mustache")) {
            if (in == null) {
                throw new InvalidInputException("There is no template " + module + "/" + name + ".");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
