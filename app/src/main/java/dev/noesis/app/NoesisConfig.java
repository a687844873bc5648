package dev.noesis.app;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationParams;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SysPropConfigSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * Noesis's configuration: {@code noesis.*} keys, read (strongest first) from command-line flags
 * (applied by each command), Java system properties, environment variables ({@code NOESIS_MODEL}
 * for {@code noesis.model}, by the MicroProfile Config rules Quarkus also follows), and the file
 * {@code noesis.properties} in the Noesis home ({@code ~/.noesis} unless {@code noesis.home} or
 * {@code NOESIS_HOME} says otherwise).
 */
public final class NoesisConfig {

    public static final String FILE = "noesis.properties";

    private final SmallRyeConfig config;
    private final Path home;

    private NoesisConfig(SmallRyeConfig config, Path home) {
        this.config = config;
        this.home = home;
    }

    public static NoesisConfig load() {
        return load(System.getenv(), System.getProperties());
    }

    static NoesisConfig load(Map<String, String> env, Properties system) {
        Path home = homeFrom(env, system);
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withSources(new SysPropConfigSource())
                .withSources(new EnvConfigSource(env, 300));
        Path file = home.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidInputException("Cannot read the configuration file " + file + ": " + e.getMessage(), e);
            }
            builder.withSources(new PropertiesConfigSource(props, file.toString(), 250));
        }
        return new NoesisConfig(builder.build(), home);
    }

    private static Path homeFrom(Map<String, String> env, Properties system) {
        String h = system.getProperty("noesis.home", env.get("NOESIS_HOME"));
        if (h == null || h.isBlank()) {
            return Path.of(system.getProperty("user.home"), ".noesis");
        }
        return Path.of(h).toAbsolutePath();
    }

    /** Where models, work files and the configuration file live. */
    public Path home() {
        return home;
    }

    public Path modelsDir() {
        return home.resolve("models");
    }

    public Path workDir() {
        return home.resolve("work");
    }

    /** The user's own pipelines, by name ({@code noesis.pipelines.dir}, default {@code <home>/pipelines}). */
    public Path pipelinesDir() {
        return string("noesis.pipelines.dir").map(Path::of).orElse(home.resolve("pipelines"));
    }

    /** Prompt templates that replace shipped ones ({@code noesis.templates.dir}, default {@code <home>/templates}). */
    public Path templatesDir() {
        return string("noesis.templates.dir").map(Path::of).orElse(home.resolve("templates"));
    }

    /** The default model: a folder, a hub id ({@code owner/name}) or the URL of an OpenAI-compatible server. */
    public Optional<String> model() {
        return string("noesis.model");
    }

    public Optional<String> openAiModelName() {
        return string("noesis.openai.model-name");
    }

    /** Never logged or printed. */
    public Optional<String> openAiApiKey() {
        return string("noesis.openai.api-key");
    }

    public Optional<Duration> openAiTimeout() {
        return string("noesis.openai.timeout").map(v -> duration("noesis.openai.timeout", v));
    }

    public OptionalInt threads() {
        Optional<String> v = string("noesis.threads");
        return v.isEmpty() ? OptionalInt.empty() : OptionalInt.of(integer("noesis.threads", v.get()));
    }

    public String hubEndpoint() {
        return string("noesis.hub.endpoint").or(() -> string("hf.endpoint")).orElse(dev.noesis.jlama.hub.HubModels.DEFAULT_ENDPOINT);
    }

    /** A Hugging Face token for gated models ({@code noesis.hub.token}, or {@code HF_TOKEN}). Never logged. */
    public Optional<String> hubToken() {
        return string("noesis.hub.token").or(() -> string("hf.token"));
    }

    /** The document index ({@code noesis.index.dir}, default {@code <home>/index}). */
    public Path indexDir() {
        return string("noesis.index.dir").map(v -> Path.of(v).toAbsolutePath()).orElse(home.resolve("index"));
    }

    /** The embedding model: a bundled model's name or a folder ({@code noesis.embeddings.model}); empty means the default. */
    public Optional<String> embeddingsModel() {
        return string("noesis.embeddings.model");
    }

    /** ONNX Runtime threads for embeddings ({@code noesis.embeddings.threads}). */
    public OptionalInt embeddingsThreads() {
        Optional<String> v = string("noesis.embeddings.threads");
        return v.isEmpty() ? OptionalInt.empty() : OptionalInt.of(positive("noesis.embeddings.threads", v.get()));
    }

    /** Where bundled embedding models are unpacked, once. */
    public Path embeddingsCacheDir() {
        return modelsDir().resolve("embeddings");
    }

    /** Generation settings from configuration, over the reproducible defaults. */
    public GenerationParams generation() {
        GenerationParams p = GenerationParams.DEFAULTS;
        Optional<String> v;
        if ((v = string("noesis.generation.max-new-tokens")).isPresent()) {
            p = p.withMaxNewTokens(integer("noesis.generation.max-new-tokens", v.get()));
        }
        if ((v = string("noesis.generation.temperature")).isPresent()) {
            p = p.withTemperature(number("noesis.generation.temperature", v.get()));
        }
        if ((v = string("noesis.generation.top-p")).isPresent()) {
            p = p.withTopP(number("noesis.generation.top-p", v.get()));
        }
        if ((v = string("noesis.generation.seed")).isPresent()) {
            p = p.withSeed(integer("noesis.generation.seed", v.get()));
        }
        return p;
    }

    /**
     * The Bolt address of the Neo4j server that holds memory ({@code noesis.memory.uri}); empty: the
     * local server Noesis starts itself.
     */
    public Optional<String> memoryUri() {
        return string("noesis.memory.uri");
    }

    public String memoryUser() {
        return string("noesis.memory.user").orElse("neo4j");
    }

    /** The password for {@link #memoryUri()}. Never logged or printed. (The local server generates its own.) */
    public Optional<String> memoryPassword() {
        return string("noesis.memory.password");
    }

    public String memoryDatabase() {
        return string("noesis.memory.database").orElse("neo4j");
    }

    /** Where the local Neo4j server keeps its data, logs, password and state. */
    public Path memoryDir() {
        return home.resolve("neo4j");
    }

    /** The local server's Java heap ({@code noesis.memory.heap}, e.g. {@code 768m}). */
    public String memoryHeap() {
        return string("noesis.memory.heap").orElse("768m");
    }

    /** The local server's page cache, Neo4j's cache of the store files ({@code noesis.memory.page-cache}). */
    public String memoryPageCache() {
        return string("noesis.memory.page-cache").orElse("256m");
    }

    /** How long to wait for the local server to start. */
    public Duration memoryStartTimeout() {
        return string("noesis.memory.start-timeout").map(v -> duration("noesis.memory.start-timeout", v))
                .orElse(Duration.ofMinutes(2));
    }

    /** The local server's files ({@code lib/} and {@code classpath}), if configured; else the launcher looks beside the app. */
    public Optional<Path> memoryServerDir() {
        return string("noesis.memory.server-dir").map(Path::of);
    }

    private Optional<String> string(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Configuration " + key + " must be a whole number, got '" + value + "'.");
        }
    }

    private static int positive(String key, String value) {
        int n = integer(key, value);
        if (n < 1) {
            throw new InvalidInputException("Configuration " + key + " must be at least 1, got " + n + ".");
        }
        return n;
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Configuration " + key + " must be a number, got '" + value + "'.");
        }
    }

    /** Seconds ({@code 300}, {@code 300s}), minutes ({@code 5m}) or ISO-8601 ({@code PT5M}). */
    static Duration duration(String key, String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new InvalidInputException("Configuration " + key + " must be a duration such as 300, 90s, 5m or PT5M; got '"
                    + value + "'.");
        }
    }
}
