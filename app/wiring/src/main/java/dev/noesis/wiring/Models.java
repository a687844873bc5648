package dev.noesis.wiring;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.ModelNotFoundException;
import dev.noesis.core.error.NoesisException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.JlamaRuntime;
import dev.noesis.jlama.ModelFolder;
import dev.noesis.jlama.hub.HubModels;
import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.TinyModelWriter;
import dev.noesis.openai.OpenAiCompatibleLanguageModel;
import dev.noesis.openai.OpenAiServer;
import dev.noesis.orchestrator.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns what the configuration names as a model into a {@link LanguageModel}: a local folder
 * (Jlama), a hub id (downloaded once into the Noesis home, then Jlama), or the URL of an
 * OpenAI-compatible server. With nothing named, the tiny demo model, written on first use, so
 * that Noesis works offline out of the box.
 */
public final class Models {

    /** The demo model's folder name under the models folder. */
    public static final String DEMO_MODEL = "noesis-tiny";
    /** The demo model's seed: fixed, so every machine's demo model is the same. */
    public static final long DEMO_SEED = 42;

    private final NoesisConfig config;
    private final Notices notices;

    public Models(NoesisConfig config, Notices notices) {
        this.config = config;
        this.notices = notices;
    }

    /** Opens the configured model ({@code noesis.model}), or the demo model when none is configured. */
    public LanguageModel open() {
        return open(config.model());
    }

    /**
     * Opens the model a run of {@code pipeline} uses: the caller's explicit choice (a {@code --model}
     * flag, a request's model), else the model the pipeline names, else the configured one. An
     * explicit choice wins so that one pipeline can be measured on several models.
     */
    public LanguageModel openFor(Pipeline pipeline, Optional<String> chosenByCaller) {
        return open(referenceFor(pipeline, chosenByCaller));
    }

    /**
     * The model reference {@link #openFor} opens for {@code pipeline}: for a caller that keeps its
     * models open between runs (the REST server) and opens each reference once. Empty: the demo model.
     */
    public Optional<String> referenceFor(Pipeline pipeline, Optional<String> chosenByCaller) {
        return chosenByCaller.or(pipeline::model).or(config::model);
    }

    /** The OpenAI-compatible server at {@code url}, asked for the model (or LoRA adapter) {@code modelName}. */
    public LanguageModel openServer(String url, String modelName) {
        return new OpenAiCompatibleLanguageModel(new OpenAiServer(
                url,
                modelName,
                config.openai().apiKey(),
                config.openai().timeout().orElse(OpenAiServer.DEFAULT_TIMEOUT)));
    }

    /**
     * Opens a model.
     *
     * @param reference a folder, hub id or URL; empty for the demo model
     */
    public LanguageModel open(Optional<String> reference) {
        Optional<String> ref = reference.map(String::strip).filter(r -> !r.isEmpty());
        if (ref.isPresent() && OpenAiServer.isServerUrl(ref.get())) {
            return openServer(ref.get(), config.openai().modelName().orElse(null));
        }
        Path folder = ref.isPresent() ? localFolder(ref.get(), true) : demoModel(true);
        prepareJlama();
        return JlamaLanguageModel.open(folder);
    }

    /** Opens the demo model in process (writing it on first use), for callers that show its load figures. */
    public JlamaLanguageModel openDemo() {
        Path dir = demoModel(false);
        prepareJlama();
        return JlamaLanguageModel.open(dir);
    }

    /** Applies process-wide Jlama settings (work folder, {@code noesis.threads}); call before the first in-process model loads. */
    public void prepareJlama() {
        JlamaRuntime.useWorkRoot(config.workDir());
        config.threads().ifPresent(JlamaRuntime::useThreads);
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
        HubModels hub = new HubModels(
                config.modelsDir(), config.hub().endpoint(), config.hub().token());
        Optional<Path> cached = hub.cached(reference);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (!download) {
            throw new ModelNotFoundException(
                    "The hub model " + reference + " has not been downloaded to " + hub.folderOf(reference) + " yet.",
                    Remedy.of(Remedy.Action.DOWNLOAD_MODEL, reference));
        }
        notices.notice("Downloading " + reference + " into " + hub.folderOf(reference) + " (once).");
        try (Progress progress = notices.progress("download", Progress.Unit.BYTES)) {
            return hub.resolve(reference, progress::update);
        }
    }

    /**
     * The tiny demo model, written on first use. Its answers are noise; it exists so that Noesis
     * runs end to end on a fresh machine without a download.
     *
     * @param announce whether to say that the demo model stands in for a configured one
     */
    public Path demoModel(boolean announce) {
        Path dir = config.modelsDir().resolve(DEMO_MODEL);
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            Optional<String> damage = damage(dir);
            if (damage.isEmpty()) {
                if (announce) {
                    notices.notice(
                            "No model configured: using the tiny demo model (random weights, its answers are noise)."
                                    + " Use a real one with noesis.model (or --model on the command line).");
                }
                return dir;
            }
            // The demo model is Noesis's own and can be written again; what was there is kept aside, not deleted.
            Path aside = setAside(dir);
            notices.notice("The demo model at " + dir + " cannot be used (" + damage.get() + "); it was moved to "
                    + aside + " and is written again.");
        } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + " is a file, where the demo model's folder belongs; move it away.");
        }
        notices.notice("Writing the tiny demo model to " + dir + " (random weights: its answers are noise; it shows the"
                + " machinery working offline).");
        return new TinyModelWriter(ModelShape.TINY, DEMO_SEED).write(dir, b -> {});
    }

    /** Why a folder does not hold a usable model (truncated weights, a broken config), or empty when it does. */
    private static Optional<String> damage(Path dir) {
        try {
            ModelFolder.open(dir);
            return Optional.empty();
        } catch (NoesisException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path setAside(Path dir) {
        for (int n = 1; ; n++) {
            Path aside = dir.resolveSibling(dir.getFileName() + ".damaged-" + n);
            if (!Files.exists(aside)) {
                try {
                    return Files.move(dir, aside);
                } catch (IOException e) {
                    throw new NoesisException(
                            "Cannot move the damaged demo model " + dir + " aside: " + e.getMessage(), e);
                }
            }
        }
    }
}
