package dev.noesis.app;

import dev.noesis.app.cli.Progress;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.ModelNotFoundException;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.JlamaRuntime;
import dev.noesis.jlama.hub.HubModels;
import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.TinyModelWriter;
import dev.noesis.openai.OpenAiCompatibleLanguageModel;
import dev.noesis.openai.OpenAiServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns what the user named as a model into a {@link LanguageModel}: a local folder (Jlama), a
 * hub id (downloaded once into the Noesis home, then Jlama), or the URL of an OpenAI-compatible
 * server. With nothing named, the tiny demo model, written on first use, so that Noesis works
 * offline out of the box.
 */
public final class ModelResolver {

    /** The demo model's folder name under the models folder. */
    public static final String DEMO_MODEL = "noesis-tiny";
    /** The demo model's seed: fixed, so every machine's demo model is the same. */
    public static final long DEMO_SEED = 42;

    private final NoesisConfig config;
    private final PrintStream err;

    public ModelResolver(NoesisConfig config, PrintStream err) {
        this.config = config;
        this.err = err;
    }

    /**
     * Opens a model.
     *
     * @param reference a folder, hub id or URL; empty for the configured model, or the demo model
     * @param modelName for a server URL, the model's name there (else from configuration)
     * @param threads   Jlama threads for in-process models (else from configuration)
     */
    public LanguageModel open(Optional<String> reference, Optional<String> modelName, Optional<Integer> threads) {
        Optional<String> ref = reference.filter(r -> !r.isBlank()).or(config::model);
        if (ref.isPresent() && OpenAiServer.isServerUrl(ref.get())) {
            Duration timeout = config.openAiTimeout().orElse(OpenAiServer.DEFAULT_TIMEOUT);
            return new OpenAiCompatibleLanguageModel(new OpenAiServer(ref.get(),
                    modelName.or(config::openAiModelName).orElse(null), config.openAiApiKey(), timeout));
        }
        Path folder = ref.isPresent() ? localFolder(ref.get(), true) : demoModel(true);
        prepareJlama(threads);
        return JlamaLanguageModel.open(folder);
    }

    /** Applies process-wide Jlama settings; call before the first in-process model loads. */
    public void prepareJlama(Optional<Integer> threads) {
        JlamaRuntime.useWorkRoot(config.workDir());
        Optional<Integer> n = threads.or(() -> config.threads().isPresent()
                ? Optional.of(config.threads().getAsInt()) : Optional.empty());
        n.ifPresent(JlamaRuntime::useThreads);
    }

    /**
     * The local folder of a model named by path or hub id.
     *
     * @param download whether a hub model that is not here yet may be downloaded
     */
    public Path localFolder(String reference, boolean download) {
        Path path = Path.of(reference).toAbsolutePath().normalize();
        if (Files.exists(path) || !HubModels.isHubId(reference)) {
            return path; // the loader explains what is wrong with a bad folder
        }
        HubModels hub = new HubModels(config.modelsDir(), config.hubEndpoint(), config.hubToken());
        Optional<Path> cached = hub.cached(reference);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (!download) {
            throw new ModelNotFoundException("The hub model " + reference + " has not been downloaded to "
                    + hub.folderOf(reference) + " yet. `noesis ask --model " + reference + " ...` downloads it.");
        }
        err.println("Downloading " + reference + " into " + hub.folderOf(reference) + " (once).");
        try (Progress.Bar bar = Progress.bytes(err, "download")) {
            return hub.resolve(reference, bar::update);
        }
    }

    /**
     * The tiny demo model, written on first use. Its answers are noise; it exists so that Noesis
     * runs end to end on a fresh machine without a download.
     */
    public Path demoModel(boolean announce) {
        Path dir = config.modelsDir().resolve(DEMO_MODEL);
        if (Files.isRegularFile(dir.resolve("model.safetensors"))) {
            if (announce) {
                err.println("No model configured: using the tiny demo model (random weights, its answers are noise)."
                        + " Use a real one with --model or noesis.model.");
            }
            return dir;
        }
        if (Files.exists(dir)) {
            throw new InvalidInputException(dir + " exists but holds no model; delete it so the demo model can be written there.");
        }
        err.println("Writing the tiny demo model to " + dir + " (random weights: its answers are noise; it shows the"
                + " machinery working offline).");
        return new TinyModelWriter(ModelShape.TINY, DEMO_SEED).write(dir, b -> {});
    }
}
