package dev.noesis.wiring;

import dev.noesis.core.model.GenerationOverrides;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Noesis's configuration: every {@code noesis.*} key, typed, as one mapping that the command line,
 * the REST server (Quarkus validates and documents it) and the experiments read alike. Sources,
 * strongest first: command-line flags, Java system properties, environment variables
 * ({@code NOESIS_MODEL} for {@code noesis.model}, by the MicroProfile Config rules), the file
 * {@code noesis.properties} in the Noesis home, and the Hugging Face variables ({@code HF_ENDPOINT},
 * {@code HF_TOKEN}) for the hub settings. {@link ConfigLoader} builds it; a bad value fails there,
 * naming the key, the value and what was expected.
 *
 * <p>Values are taken literally: no {@code ${...}} expansion, so a path or a password with a
 * dollar sign means what it says. Folders that default under the home are derived here.
 */
@ConfigMapping(prefix = "noesis")
public interface NoesisConfig {

    /** Where models, work files, the index, memory and the configuration file live. */
    Path home();

    /** The default model: a folder, a hub id ({@code owner/name}) or the URL of an OpenAI-compatible server. */
    Optional<String> model();

    /** Threads for in-process models; empty: Jlama's choice. */
    Optional<Integer> threads();

    OpenAi openai();

    Hub hub();

    Generation generation();

    Folder index();

    Folder pipelines();

    Folder templates();

    Embeddings embeddings();

    Memory memory();

    Eval eval();

    Server server();

    /** Reads the configuration of this process (its environment and system properties), with {@code flags} strongest. */
    static NoesisConfig load(Map<String, String> flags) {
        return ConfigLoader.load(System.getenv(), System.getProperties(), flags);
    }

    static NoesisConfig load(Map<String, String> env, Properties system, Map<String, String> flags) {
        return ConfigLoader.load(env, system, flags);
    }

    default Path modelsDir() {
        return home().resolve("models");
    }

    default Path workDir() {
        return home().resolve("work");
    }

    /** The document index ({@code noesis.index.dir}, default {@code <home>/index}). */
    default Path indexDir() {
        return index().dir().map(p -> p.toAbsolutePath().normalize()).orElse(home().resolve("index"));
    }

    /** The user's own pipelines, by name ({@code noesis.pipelines.dir}, default {@code <home>/pipelines}). */
    default Path pipelinesDir() {
        return pipelines().dir().orElse(home().resolve("pipelines"));
    }

    /** Prompt templates that replace shipped ones ({@code noesis.templates.dir}, default {@code <home>/templates}). */
    default Path templatesDir() {
        return templates().dir().orElse(home().resolve("templates"));
    }

    /** Where bundled embedding models are unpacked, once. */
    default Path embeddingsCacheDir() {
        return modelsDir().resolve("embeddings");
    }

    /** Where experiment runs go by default ({@code noesis.eval.runs-dir}, default {@code <home>/experiments}). */
    default Path runsDir() {
        return eval().runsDir().map(p -> p.toAbsolutePath().normalize()).orElse(home().resolve("experiments"));
    }

    /** The model-call cache of experiments. */
    default Path modelCallCacheDir() {
        return home().resolve("cache").resolve("model-calls");
    }

    /** Where the local Neo4j server keeps its data, logs, password and state. */
    default Path memoryDir() {
        return home().resolve("neo4j");
    }

    /** Experiments: where benchmark data is read from and where runs are written. */
    interface Eval {
        /** The folder holding the built-in suites' data ({@code gsm8k/}, {@code hotpotqa/}, ...). */
        Optional<Path> dataDir();

        /** Where a run goes when no {@code --out} is given; default {@code <home>/experiments}. */
        Optional<Path> runsDir();

        /** The most bytes the model-call cache ({@code <home>/cache/model-calls}) keeps; the least recently used go first. */
        @WithDefault("2147483648")
        long cacheMaxBytes();

        /** The machine, for energy and money per 1,000 questions; no cost is shown without {@code watts}. */
        Hardware hardware();

        /**
         * A hosted API's prices per 1,000,000 tokens, {@code NAME=INPUT/OUTPUT} entries separated by
         * {@code ;}, NAME a served model name (or a model as the experiment names it): e.g.
         * {@code gpt-4o-mini=0.15/0.60}. A priced model's cost is from its tokens, not the hardware.
         */
        Optional<String> apiPrices();
    }

    /** A hardware profile: what running a model on this machine costs. */
    interface Hardware {
        /** Average power draw while a model runs, in watts. */
        Optional<Double> watts();

        /** Price of electricity per kWh. */
        @WithDefault("0")
        double pricePerKwh();

        /** Price of the machine, written off over {@link #lifetimeHours()} of model time. */
        @WithDefault("0")
        double price();

        /** Hours of use the machine's price is spread over (default: three years of round-the-clock use). */
        @WithDefault("26280")
        double lifetimeHours();
    }

    /** A folder setting ({@code noesis.index.dir} and the like). */
    interface Folder {
        Optional<Path> dir();
    }

    /** The OpenAI-compatible server named by {@code noesis.model} when it is a URL. */
    interface OpenAi {
        /** The model's name on the server (e.g. {@code llama3.2}). */
        Optional<String> modelName();

        /** Never logged or printed. */
        Optional<String> apiKey();

        /** Seconds ({@code 300}, {@code 300s}), minutes ({@code 5m}), milliseconds ({@code 250ms}) or ISO-8601 ({@code PT5M}). */
        @WithConverter(FlexibleDuration.class)
        Optional<Duration> timeout();
    }

    /** Where hub models come from. */
    interface Hub {
        /** Default: {@code HF_ENDPOINT}, else Hugging Face. */
        @WithDefault("https://huggingface.co")
        String endpoint();

        /** A token for gated models; default {@code HF_TOKEN}. Never logged. */
        Optional<String> token();
    }

    /** Generation settings, over the reproducible defaults; a request's own settings go over these. */
    interface Generation {
        Optional<Integer> maxNewTokens();

        Optional<Double> temperature();

        Optional<Double> topP();

        Optional<Long> seed();

        default GenerationOverrides overrides() {
            return new GenerationOverrides(maxNewTokens(), temperature(), topP(), seed(), Optional.empty());
        }
    }

    /** The sentence embedding model, shared by the document index and memory. */
    interface Embeddings {
        /** A bundled model's name or a folder; empty: the default bundled model. */
        Optional<String> model();

        /** ONNX Runtime threads; empty: all cores, at most 8. */
        Optional<Integer> threads();
    }

    /**
     * The REST server ({@code noesis serve}): its API key and the bounds it puts on every request,
     * whatever the request asks. Its address is Quarkus's ({@code quarkus.http.host}, {@code quarkus.http.port}).
     */
    interface Server {
        /** A file holding the API key clients must send as {@code Authorization: Bearer KEY}; empty: no key. Never logged. */
        Optional<Path> apiKeyFile();

        /** Runs that may wait for the model while one runs; a request beyond them is refused at once (429). */
        @WithDefault("8")
        int queue();

        /** Most model calls of one run. */
        @WithDefault("32")
        int maxCalls();

        /** Longest wall time of one run. */
        @WithDefault("5m")
        @WithConverter(FlexibleDuration.class)
        Duration maxTime();

        /** Most new tokens a request may ask per model call ({@code max_tokens}). */
        @WithDefault("2048")
        int maxTokens();

        /** Run records kept in memory for {@code /api/runs/{id}}, newest first. */
        @WithDefault("256")
        int runsKept();

        /**
         * The folders {@code POST /api/ingest} may read from (a request's paths, links and {@code ..}
         * resolved, must lie under one); empty: the server ingests nothing.
         */
        Optional<List<Path>> ingestRoots();

        /**
         * An OpenTelemetry collector's OTLP/HTTP address (e.g. {@code http://127.0.0.1:4318}) to
         * which each finished run is sent as spans; empty (the default): nothing is sent anywhere.
         */
        Optional<String> otlpEndpoint();
    }

    /** Long-term memory: a Neo4j server by URI, or the local one Noesis starts. */
    interface Memory {
        /** The Bolt address of the server; empty: the local server. */
        Optional<String> uri();

        @WithDefault("neo4j")
        String user();

        /** The password for {@link #uri()}; never logged or printed (the local server generates its own). */
        Optional<String> password();

        @WithDefault("neo4j")
        String database();

        /** The local server's Java heap, e.g. {@code 768m}. */
        @WithDefault("768m")
        String heap();

        /** The local server's page cache, Neo4j's cache of the store files. */
        @WithDefault("256m")
        String pageCache();

        /** How long to wait for the local server to start. */
        @WithDefault("2m")
        @WithConverter(FlexibleDuration.class)
        Duration startTimeout();

        /** The local server's files ({@code lib/} and {@code classpath}); empty: beside the application. */
        Optional<Path> serverDir();
    }
}
