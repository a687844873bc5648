package dev.noesis.jlama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.model.functions.Generator;
import com.github.tjake.jlama.safetensors.Config;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.WeightLoader;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import com.github.tjake.jlama.safetensors.tokenizer.Tokenizer;
import com.github.tjake.jlama.tensor.AbstractTensor;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.ModelFormatException;
import dev.noesis.core.error.NoesisException;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StopSequenceFilter;
import dev.noesis.core.model.StructuredOutput;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.structured.JsonValidator;
import dev.noesis.jlama.structured.JsonConstraint;
import dev.noesis.jlama.structured.TokenConstraints;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model loaded into Jlama, shared by every {@link JlamaLanguageModel} handle on the same
 * folder. It owns the decoding loop: Jlama runs the network (batched prompt pass, one forward
 * pass per new token, logits), and Noesis does the rest, so that max-new-tokens counts new
 * tokens, sampling is seeded, stop sequences work, text decodes correctly and the KV cache of a
 * session can be reused.
 *
 * <p>Calls are serialized by a fair lock: Jlama already spreads one forward pass over all of its
 * threads, so running two generations at once would only make both slower.
 */
final class LoadedModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);
    static final int SESSION_CAPACITY = 8;

    final ModelFolder folder;
    final AbstractModel model;
    final long loadMs;
    private final Config config;
    private final Set<Integer> endOfSequence;
    private final TextCodec codec;
    private final ChatFormat chat;
    private final Path workDir;
    private final KvSessions sessions;
    private final boolean addBos;
    /** Positions this model can really hold: fewer than its config's context (see the constructor). */
    private final int contextLength;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final ComputeThread compute;
    /** Variants share their base's codec and work folder; only the base closes and deletes them. */
    private final boolean ownsShared;
    /** Bytes of tensors this model holds beyond those it shares with its base (0 for a base). */
    final long mergedBytes;

    private volatile TokenConstraints constraints;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadedModel(ModelFolder folder, AbstractModel model, TextCodec codec, Path workDir, long loadMs) {
        this(folder, model, codec, workDir, loadMs, true, 0);
    }

    private LoadedModel(
            ModelFolder folder,
            AbstractModel model,
            TextCodec codec,
            Path workDir,
            long loadMs,
            boolean ownsShared,
            long mergedBytes) {
        this.ownsShared = ownsShared;
        this.mergedBytes = mergedBytes;
        this.folder = folder;
        this.model = model;
        this.config = model.getConfig();
        this.endOfSequence = Set.copyOf(config.eosTokens);
        this.codec = codec;
        this.chat = new ChatFormat(model.promptSupport());
        this.workDir = workDir;
        this.sessions = new KvSessions(model, workDir, SESSION_CAPACITY);
        this.addBos = model.getModelType() != ModelSupport.ModelType.GRANITE;
        this.loadMs = loadMs;
        this.contextLength = usableContext(config);
        this.compute = new ComputeThread("noesis-jlama-" + folder.dir().getFileName());
    }

    /**
     * Jlama 0.8.4 reads each head's rotary frequencies at {@code position·(headSize/2) +
     * kvHead·headSize}: it adds the head's offset in the projection, not the offset within the
     * head. Queries and keys get the same shift, so attention scores are right, but a position in
     * the last {@code 2·(kvHeads − 1)} of the context reads past the end of the frequency table
     * ("Index 16384 out of bounds for length 16384" on the tiny model). Noesis treats the context
     * as that much shorter, so prompts are fitted and generation stops before it.
     */
    static int usableContext(Config config) {
        return config.contextLength - 2 * (config.numberOfKeyValueHeads - 1);
    }

    static LoadedModel load(ModelFolder folder) {
        long start = System.nanoTime();
        JlamaRuntime.threads();
        Path workDir = JlamaRuntime.newWorkDir();
        TextCodec codec = null;
        try {
            codec = TextCodec.load(folder.dir());
            // Working memory F32, activations quantized to I8 where the weights are quantized.
            // Weights are never quantized at load time: Jlama 0.8.4 crashes doing that
            // ("I8 BF16"), so quantized copies are written to disk instead (ModelQuantizer).
            AbstractModel model = ModelSupport.loadModel(
                    folder.dir().toFile(), workDir.toFile(), DType.F32, DType.I8, Optional.empty(), Optional.empty());
            JlamaRuntime.computePath();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            LOG.info("Loaded {} in {} ms", folder.dir(), ms);
            return new LoadedModel(folder, model, codec, workDir, ms);
        } catch (RuntimeException e) {
            if (codec != null) {
                codec.close();
            }
            JlamaRuntime.deleteTree(workDir);
            if (e instanceof ModelFormatException) {
                throw e;
            }
            throw new ModelFormatException(
                    "Jlama could not load the model in " + folder.dir() + ": " + rootMessage(e)
                            + ". Check that it is a complete model of a supported architecture.",
                    e);
        }
    }

    /**
     * An adapter variant of {@code base}: a model of its own (its own KV caches, its own lock)
     * whose untouched weights are the base's memory-mapped tensors and whose adapted weights are
     * new tensors ({@link OverridingWeightLoader}). The caller keeps {@code base} open at least as
     * long as the variant.
     */
    static LoadedModel loadVariant(LoadedModel base, WeightOverride override, String what) {
        long start = System.nanoTime();
        OverridingWeightLoader weights;
        try {
            weights = new OverridingWeightLoader(base.model.getWeights(), base.folder, override);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("The " + what + " cannot be applied to the model in " + base.folder.dir()
                    + ": " + e.getMessage() + ".");
        }
        try {
            // The model class is built the way ModelSupport.loadModel builds it, but on the base's
            // Config and Tokenizer instead of new ones read again from the folder: a Config
            // computes its RoPE table on construction (117 MB on the heap for a 128k context)
            // and a tokenizer holds its whole vocabulary, so sharing both is what keeps a variant
            // down to its merged tensors. Both are read-only once the base has loaded; KV pages
            // of the variant's sessions go into the base's work folder under their own names.
            AbstractModel model = base.model
                    .getModelType()
                    .modelClass
                    .getConstructor(
                            AbstractModel.InferenceType.class,
                            Config.class,
                            WeightLoader.class,
                            Tokenizer.class,
                            DType.class,
                            DType.class,
                            Optional.class)
                    .newInstance(
                            AbstractModel.InferenceType.FULL_GENERATION,
                            base.model.getConfig(),
                            weights,
                            base.model.getTokenizer(),
                            DType.F32,
                            DType.I8,
                            Optional.empty());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            LOG.info(
                    "Built the variant of {} with {} ({} replaced tensors, {} bytes) in {} ms",
                    base.folder.dir(),
                    what,
                    weights.mergedTensors(),
                    weights.mergedBytes(),
                    ms);
            return new LoadedModel(base.folder, model, base.codec, base.workDir, ms, false, weights.mergedBytes());
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            if (cause instanceof NoesisException n) {
                throw n;
            }
            throw new ModelFormatException(
                    "Jlama could not build the variant of " + base.folder.dir() + " with " + what + ": "
                            + rootMessage(cause),
                    cause);
        }
    }

    /**
     * The logits of the token that would follow the prompt (before any sampling), one per
     * vocabulary entry: what exactness tests compare.
     */
    @SuppressWarnings("rawtypes")
    float[] nextTokenLogits(Prompt prompt) {
        int[] ids = encodeWithinContext(prompt);
        float[] out = new float[config.vocabularySize];
        lock.lock();
        try (KvSessions.Session session = sessions.oneShot();
                AbstractTensor logits = model.makeDenseTensor(config.vocabularySize)) {
            compute.run(cancelled -> afterPrompt(ids, 0, session, row -> model.sample(row, 0f, 0f, logits)));
            logits.getMemorySegment()
                    .asByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(out);
        } finally {
            lock.unlock();
        }
        return out;
    }

    int contextLength() {
        return contextLength;
    }

    /** The prompt's token ids as the model sees them: chat template applied, contents as plain text, BOS first. */
    int[] encodePrompt(Prompt prompt) {
        int[] ids = codec.encodePrompt(chat.render(prompt));
        if (!addBos || (ids.length > 0 && ids[0] == config.bosToken)) {
            return ids;
        }
        int[] withBos = new int[ids.length + 1];
        withBos[0] = config.bosToken;
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        return withBos;
    }

    TextCodec codec() {
        return codec;
    }

    Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
        int[] ids = encodeWithinContext(prompt);
        StreamedText text =
                new StreamedText(codec.streamDecoder(), new StopSequenceFilter(params.stopSequences(), listener));
        Decoded d = inSession(
                prompt,
                (session, cancelled) ->
                        decode(ids, session, params, TokenConstraint.none(endOfSequence), text, cancelled));
        return d.completion(text.finish(), ids.length);
    }

    /**
     * Greedy generation by Jlama's own loop on the prompt as this model renders it, bypassing
     * Noesis's decoding (no session, no stop sequences), under the model's lock.
     */
    JlamaLoopRun generateWithJlamaLoop(Prompt prompt, int maxNewTokens) {
        String rendered = chat.render(prompt).text();
        int promptTokens = encodePrompt(prompt).length;
        lock.lock();
        try {
            Generator.Response r = compute.run(cancelled -> model.generate(
                    UUID.randomUUID(), PromptContext.of(rendered), 0f, promptTokens + maxNewTokens, (t, f) -> {}));
            return new JlamaLoopRun(r.promptTokens, r.promptTimeMs, r.generatedTokens, r.generateTimeMs);
        } finally {
            lock.unlock();
        }
    }

    void endSession(String id) {
        lock.lock();
        try {
            sessions.end(id);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} under the model's lock, in the prompt's named session or in a one-call session,
     * on the model's {@link ComputeThread}, with the flag that says the caller was interrupted.
     */
    private <T> T inSession(Prompt prompt, BiFunction<KvSessions.Session, BooleanSupplier, T> work) {
        lock.lock();
        try {
            if (prompt.sessionId() == null) {
                try (KvSessions.Session session = sessions.oneShot()) {
                    return compute.run(cancelled -> work.apply(session, cancelled));
                }
            }
            KvSessions.Session session = sessions.named(prompt.sessionId());
            return compute.run(cancelled -> work.apply(session, cancelled));
        } finally {
            lock.unlock();
        }
    }

    private int[] encodeWithinContext(Prompt prompt) {
        int[] ids = encodePrompt(prompt);
        if (ids.length >= contextLength) {
            throw new InvalidInputException(
                    "The prompt is " + ids.length + " tokens long but the model's context holds " + contextLength
                            + "; shorten the prompt or use a model with a longer context.");
        }
        return ids;
    }

    /** The token tables for constrained decoding, built on first use (about a second for a 128k vocabulary). */
    TokenConstraints constraints() {
        TokenConstraints c = constraints;
        if (c == null) {
            synchronized (this) {
                c = constraints;
                if (c == null) {
                    c = TokenConstraints.build(
                            folder.dir().resolve(ModelFolder.TOKENIZER),
                            config.vocabularySize,
                            List.copyOf(config.eosTokens));
                    LOG.info(
                            "Built token tables for structured output ({} tokens) in {} ms",
                            c.vocabularySize(),
                            c.buildMillis());
                    constraints = c;
                }
            }
        }
        return c;
    }

    /**
     * A JSON value of {@code schema}, decoded under the schema's constraint: at every step only
     * tokens that keep the document valid are candidates, so the value parses and validates by
     * construction. It ends as soon as the document closes; a budget that runs out first gives
     * a TRUNCATED result, never a partial document.
     */
    StructuredResult generateJson(Prompt prompt, JsonSchema schema, GenerationParams params) {
        return generateJson(prompt, schema, params, c -> {});
    }

    /** As above; {@code observer} sees the constraint afterwards (its mask timings, for the bench). */
    StructuredResult generateJson(
            Prompt prompt, JsonSchema schema, GenerationParams params, Consumer<JsonConstraint> observer) {
        JsonConstraint constraint = constraints().start(schema);
        int[] ids = encodeWithinContext(StructuredOutput.instruct(prompt, schema));
        Decoded d;
        try {
            // Stop sequences do not apply: the document ends when the schema says it does.
            d = inSession(
                    prompt,
                    (session, cancelled) -> decode(
                            ids,
                            session,
                            params,
                            TokenConstraint.json(constraint, endOfSequence),
                            GeneratedText.UNWATCHED,
                            cancelled));
        } finally {
            observer.accept(constraint);
        }
        String text = codec.decode(d.tokens());
        Completion completion = d.completion(text, ids.length);
        if (d.reason() != FinishReason.END_OF_SEQUENCE) {
            String why = switch (d.reason()) {
                case CANCELLED -> "the generation was cancelled before the JSON document was complete";
                case CONTEXT_LIMIT -> "the model's context filled up before the JSON document was complete";
                default ->
                    "the budget of " + params.maxNewTokens()
                            + " new tokens ran out before the JSON document was complete"
                            + " (a document of this schema takes at least " + constraint.minimalBytes()
                            + " characters)";
            };
            return StructuredResult.failed(StructuredResult.Status.TRUNCATED, text, List.of(why), completion, 1);
        }
        try {
            JsonNode value = JSON.readTree(text);
            List<String> errors = JsonValidator.validate(value, schema.root());
            if (errors.isEmpty()) {
                return StructuredResult.valid(value, text, completion, 1);
            }
            return StructuredResult.failed(StructuredResult.Status.INVALID, text, errors, completion, 1);
        } catch (JsonProcessingException e) {
            // Cannot happen by construction; reported rather than hidden if it ever does.
            return StructuredResult.failed(
                    StructuredResult.Status.INVALID,
                    text,
                    List.of("the constrained decoder produced text that is not JSON: " + e.getOriginalMessage()),
                    completion,
                    1);
        }
    }

    /** What one run of the decoding loop produced: the output tokens, and the figures of a {@link Completion}. */
    private record Decoded(int[] tokens, int reused, long promptMs, long generationMs, FinishReason reason) {
        Completion completion(String text, int promptTokens) {
            return new Completion(text, promptTokens, tokens.length, reused, promptMs, generationMs, reason);
        }
    }

    /** Watches the text of the output tokens as they come. */
    private interface GeneratedText {
        /** For output whose text is decoded at the end, all at once. */
        GeneratedText UNWATCHED = new GeneratedText() {
            @Override
            public boolean add(int token) {
                return false;
            }

            @Override
            public boolean end() {
                return false;
            }
        };

        /** Adds an output token; true when its text reached a stop sequence. */
        boolean add(int token);

        /** The output is complete; true when the text held back until now reached a stop sequence. */
        boolean end();
    }

    /** Free text: decoded token by token, cut at stop sequences, streamed to the listener. */
    private static final class StreamedText implements GeneratedText {
        private final TextCodec.StreamDecoder decoder;
        private final StopSequenceFilter filter;

        StreamedText(TextCodec.StreamDecoder decoder, StopSequenceFilter filter) {
            this.decoder = decoder;
            this.filter = filter;
        }

        @Override
        public boolean add(int token) {
            return filter.append(decoder.push(token));
        }

        @Override
        public boolean end() {
            return filter.append(decoder.flush());
        }

        String finish() {
            return filter.finish();
        }
    }

    /**
     * The decoding loop: runs the prompt (reusing what the session's cache holds), then picks one
     * token at a time among those {@code constraint} allows, until the constraint ends it, the
     * text reaches a stop sequence, the new-token budget or the context is used up, or the
     * caller is interrupted (the flag {@code cancelled}).
     */
    // Jlama's tensors are generic over Vector API types; naming those would put the incubator
    // module on the compiler's path, so the raw type is used as Jlama itself does.
    @SuppressWarnings("rawtypes")
    private Decoded decode(
            int[] ids,
            KvSessions.Session session,
            GenerationParams params,
            TokenConstraint constraint,
            GeneratedText text,
            BooleanSupplier cancelled) {
        long start = System.nanoTime();
        if (cancelled.getAsBoolean()) {
            return new Decoded(new int[0], 0, 0, 0, FinishReason.CANCELLED);
        }
        Picker picker = new Picker(params);
        int reused = session.reusablePrefix(ids);
        // Token at each KV position: the prompt, then every generated token fed back in.
        int[] held = Arrays.copyOf(ids, (int) Math.min(contextLength, (long) ids.length + params.maxNewTokens()));
        int[] out = new int[Math.min(params.maxNewTokens(), contextLength)];
        int pos = ids.length;
        int generated = 0;
        long promptDone;
        FinishReason reason;
        try (AbstractTensor logits = model.makeDenseTensor(config.vocabularySize)) {
            int next = afterPrompt(ids, reused, session, row -> picker.pick(row, logits, constraint.allowed()));
            promptDone = System.nanoTime();
            while (true) {
                TokenConstraint.Step step = constraint.accept(next);
                if (step == TokenConstraint.Step.END_BEFORE) {
                    reason = FinishReason.END_OF_SEQUENCE;
                    break;
                }
                out[generated++] = next;
                if (text.add(next)) {
                    reason = FinishReason.STOP_SEQUENCE;
                    break;
                }
                if (step == TokenConstraint.Step.END_AFTER) {
                    reason = FinishReason.END_OF_SEQUENCE;
                    break;
                }
                reason = limitReached(generated, pos, params, cancelled);
                if (reason != null) {
                    break;
                }
                held[pos] = next;
                AbstractTensor row = model.forward(next, pos, session.buffer(), Optional.empty());
                pos++;
                try {
                    next = picker.pick(row, logits, constraint.allowed());
                } finally {
                    row.close();
                }
            }
        }
        if (reason != FinishReason.STOP_SEQUENCE && text.end()) {
            reason = FinishReason.STOP_SEQUENCE;
        }
        session.remember(held, pos);
        long end = System.nanoTime();
        return new Decoded(
                Arrays.copyOf(out, generated),
                reused,
                TimeUnit.NANOSECONDS.toMillis(promptDone - start),
                TimeUnit.NANOSECONDS.toMillis(end - promptDone),
                reason);
    }

    /** Why decoding stops after a token the model chose to go on with (budget, context, interruption), or null. */
    private FinishReason limitReached(int generated, int pos, GenerationParams params, BooleanSupplier cancelled) {
        if (generated >= params.maxNewTokens()) {
            return FinishReason.MAX_TOKENS;
        }
        if (pos >= contextLength) {
            return FinishReason.CONTEXT_LIMIT;
        }
        return cancelled.getAsBoolean() ? FinishReason.CANCELLED : null;
    }

    /**
     * Runs the prompt's tokens not already in the session's cache through the model, and picks the
     * first new token from the output for the last of them.
     */
    @SuppressWarnings("rawtypes")
    private int afterPrompt(int[] ids, int reused, KvSessions.Session session, ToIntFunction<AbstractTensor> pick) {
        AbstractTensor batch =
                model.batchForward(Arrays.copyOfRange(ids, reused, ids.length), reused, session.buffer());
        try {
            return pick.applyAsInt(batch.slice(batch.shape().first() - 1));
        } finally {
            batch.close();
        }
    }

    /** Chooses each next token: Jlama's arg-max for greedy decoding, the seeded sampler otherwise. */
    @SuppressWarnings("rawtypes")
    private final class Picker {
        private final Sampler sampler;
        private final float[] scratch;

        Picker(GenerationParams params) {
            this.sampler = params.greedy() ? null : new Sampler(params.temperature(), params.topP(), params.seed());
            this.scratch = new float[config.vocabularySize];
        }

        /** Jlama's arg-max or a seeded sample, among the tokens set in {@code allowed} only (all tokens when null). */
        int pick(AbstractTensor hidden, AbstractTensor logits, long[] allowed) {
            // With temperature 0 Jlama's sample() is exactly its own decoding step: it fills
            // `logits` (with the model's logit scaling and soft-capping) and returns the arg-max.
            int best = model.sample(hidden, 0f, 0f, logits);
            if (sampler == null && (allowed == null || JsonConstraint.isSet(allowed, best))) {
                return best; // the model's own first choice is allowed: no need to look further
            }
            logits.getMemorySegment()
                    .asByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(scratch);
            int vocab = scratch.length;
            if (allowed == null) {
                return sampler.sample(scratch, vocab);
            }
            if (sampler == null) {
                int choice = -1;
                for (int w = 0; w < allowed.length; w++) {
                    for (long bits = allowed[w]; bits != 0; bits &= bits - 1) {
                        int t = (w << 6) + Long.numberOfTrailingZeros(bits);
                        if (t < vocab && (choice < 0 || scratch[t] > scratch[choice])) {
                            choice = t;
                        }
                    }
                }
                return requireAllowed(choice);
            }
            boolean any = false;
            for (int t = 0; t < vocab; t++) {
                if (!JsonConstraint.isSet(allowed, t)) {
                    scratch[t] = Float.NEGATIVE_INFINITY;
                } else {
                    any = true;
                }
            }
            return requireAllowed(any ? sampler.sample(scratch, vocab) : -1);
        }

        private int requireAllowed(int token) {
            if (token < 0) {
                throw new IllegalStateException("no token of the vocabulary can continue the JSON document here;"
                        + " the vocabulary lacks single-byte tokens");
            }
            return token;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            sessions.close();
            model.close();
            compute.close();
            if (ownsShared) {
                codec.close();
            }
        } finally {
            lock.unlock();
            if (ownsShared) {
                JlamaRuntime.deleteTree(workDir);
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
