package dev.noesis.jlama;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.jlama.structured.JsonConstraint;
import dev.noesis.jlama.structured.TokenConstraints;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A model run in-process by Jlama, loaded from a local folder (see {@link dev.noesis.jlama.hub.HubModels}
 * to get one from a hub id). Handles on the same folder share one loaded copy; close each handle
 * when done. Safe to call from several threads; calls on the same model run one at a time.
 */
public final class JlamaLanguageModel implements LanguageModel {

    private final LoadedModel loaded;
    private final String name;
    /** For an adapter variant: the handle on its base, kept open as long as the variant is. */
    private final JlamaLanguageModel base;

    private final String adapter;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JlamaLanguageModel(LoadedModel loaded, String name) {
        this(loaded, name, null, null);
    }

    private JlamaLanguageModel(LoadedModel loaded, String name, JlamaLanguageModel base, String adapter) {
        this.loaded = loaded;
        this.name = name;
        this.base = base;
        this.adapter = adapter;
    }

    /**
     * Loads (or shares) the model in {@code dir}. The folder is checked first; problems are
     * reported as {@link dev.noesis.core.error.ModelNotFoundException} or
     * {@link dev.noesis.core.error.ModelFormatException} with what to do about them.
     */
    public static JlamaLanguageModel open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return new JlamaLanguageModel(ModelRegistry.acquire(dir), dir.toString());
    }

    /**
     * A variant of this model with some weights replaced (for a LoRA adapter, merged into them:
     * {@link dev.noesis.jlama.lora.LoraVariants}): an ordinary model of its own, with its own KV
     * sessions (so sessions never mix variants), whose untouched weights are this model's, shared
     * rather than copied; it costs only its replaced tensors ({@link #mergedBytes()}). This model
     * stays loaded until the variant is closed too.
     *
     * @param override    the new tensors, made for this model's folder or for the unquantized model this one is
     *                    a Q4 copy of
     * @param adapterName the variant's name, for {@link #name()} ({@code base@adapter}) and traces
     */
    public JlamaLanguageModel withOverride(WeightOverride override, String adapterName) {
        ensureOpen();
        Objects.requireNonNull(override, "override");
        if (base != null) {
            throw new IllegalStateException("variants are made of a base model, not of the variant " + name);
        }
        // The override is checked against this folder by the loader: its own folder, or a Q4 copy of it.
        JlamaLanguageModel shared = open(loaded.folder.dir());
        try {
            LoadedModel variant = LoadedModel.loadVariant(shared.loaded, override, "adapter " + adapterName);
            return new JlamaLanguageModel(variant, name + "@" + adapterName, shared, adapterName);
        } catch (RuntimeException e) {
            shared.close();
            throw e;
        }
    }

    /** The adapter merged into this model, if it is a variant. */
    public Optional<String> adapter() {
        return Optional.ofNullable(adapter);
    }

    /**
     * Bytes of weights this model holds on its own: the merged tensors of a variant; 0 for a base
     * model, whose weights are memory-mapped from its files ({@link ModelFolder#weightBytes()}).
     */
    public long mergedBytes() {
        return loaded.mergedBytes;
    }

    /** The logits of the next token after the prompt, one per vocabulary entry, before any sampling. */
    public float[] nextTokenLogits(Prompt prompt) {
        ensureOpen();
        return loaded.nextTokenLogits(prompt);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
        ensureOpen();
        return loaded.generate(prompt, params, listener);
    }

    /** Decodes under the schema's constraint: the value parses and validates by construction. */
    @Override
    public StructuredResult generateJson(Prompt prompt, JsonSchema schema, GenerationParams params) {
        ensureOpen();
        return loaded.generateJson(prompt, schema, params);
    }

    /**
     * As {@link #generateJson(Prompt, JsonSchema, GenerationParams)}; {@code observer} sees the
     * constraint once decoding ends, with its mask timings.
     */
    public StructuredResult generateJson(
            Prompt prompt, JsonSchema schema, GenerationParams params, Consumer<JsonConstraint> observer) {
        ensureOpen();
        return loaded.generateJson(prompt, schema, params, observer);
    }

    /**
     * Generates {@code maxNewTokens} greedily with Jlama's own decoding loop on the same rendered
     * prompt: the reference that shows what Noesis's loop costs. Not for answers: no session,
     * no stop sequences, no text returned.
     */
    public JlamaLoopRun generateWithJlamaLoop(Prompt prompt, int maxNewTokens) {
        ensureOpen();
        return loaded.generateWithJlamaLoop(prompt, maxNewTokens);
    }

    @Override
    public void endSession(String sessionId) {
        ensureOpen();
        loaded.endSession(sessionId);
    }

    /** The token tables structured output uses, built on first use. */
    public TokenConstraints tokenConstraints() {
        ensureOpen();
        return loaded.constraints();
    }

    /** How many tokens the prompt takes, chat template and BOS included. */
    @Override
    public int countTokens(Prompt prompt) {
        ensureOpen();
        return loaded.encodePrompt(prompt).length;
    }

    @Override
    public int contextLength() {
        return loaded.contextLength();
    }

    public ModelFolder folder() {
        return loaded.folder;
    }

    /** How long loading the weights took (for a shared model: the first load). */
    public long loadMs() {
        return loaded.loadMs;
    }

    /** Jlama's compute path, e.g. "Native SIMD Operations". */
    public String computePath() {
        return JlamaRuntime.computePath();
    }

    LoadedModel loaded() {
        return loaded;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this model handle is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (base == null) {
                ModelRegistry.release(loaded);
            } else {
                loaded.close();
                base.close();
            }
        }
    }
}
