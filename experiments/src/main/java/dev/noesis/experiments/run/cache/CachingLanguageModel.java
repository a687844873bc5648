package dev.noesis.experiments.run.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.log.ModelIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LanguageModel} that answers a call it has seen before from a {@link ModelCallCache}, keyed
 * by everything that can change the output ({@link CallKey}): plain generations and structured ones
 * (so that a backend's constrained decoding still does the work on a miss). A completion cut short
 * by a cancellation is never stored. On a hit, a streaming listener receives the whole text at once,
 * and the completion is the stored one exactly: its token counts and times are those of the call that
 * produced it, which is why hits are counted ({@link #hits()}, and per item through {@link #forItem()}),
 * so that a report can say which numbers came from the cache.
 *
 * <p>Disabled ({@code --no-cache}), it passes every call through and neither reads nor writes.
 */
public final class CachingLanguageModel implements LanguageModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LanguageModel delegate;
    private final ModelIdentity identity;
    private final String adapter;
    private final ModelCallCache cache;
    private final boolean enabled;
    private final boolean owner;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    /**
     * @param delegate the model
     * @param identity its identity (weights hash or served name), part of every key
     * @param adapter  the adapter its calls go through, or null for none
     * @param cache    the store
     * @param enabled  false to bypass the cache entirely
     */
    public CachingLanguageModel(
            LanguageModel delegate, ModelIdentity identity, String adapter, ModelCallCache cache, boolean enabled) {
        this(delegate, identity, adapter, cache, enabled, true);
    }

    private CachingLanguageModel(
            LanguageModel delegate,
            ModelIdentity identity,
            String adapter,
            ModelCallCache cache,
            boolean enabled,
            boolean owner) {
        this.owner = owner;
        this.delegate = delegate;
        this.identity = identity;
        this.adapter = adapter;
        this.cache = cache;
        this.enabled = enabled;
    }

    /**
     * The same model and cache with counters of its own, for one item's run, so that the item's record
     * can say how many of its calls were hits. Closing the view does not close the model.
     */
    public CachingLanguageModel forItem() {
        return new CachingLanguageModel(delegate, identity, adapter, cache, enabled, false);
    }

    /** Model calls made through this instance. */
    public long calls() {
        return calls.get();
    }

    /** Of those, answered from the cache. */
    public long hits() {
        return hits.get();
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
        calls.incrementAndGet();
        if (!enabled) {
            return delegate.generate(prompt, params, listener);
        }
        CallKey key = CallKey.of(identity, adapter, prompt, params, null);
        Optional<JsonNode> stored = cache.get(key);
        if (stored.isPresent()) {
            Completion c = completion(stored.get());
            hits.incrementAndGet();
            if (!c.text().isEmpty()) {
                listener.onText(c.text());
            }
            return c;
        }
        Completion c = delegate.generate(prompt, params, listener);
        if (c.finishReason() != FinishReason.CANCELLED) {
            cache.put(key, json(c));
        }
        return c;
    }

    @Override
    public StructuredResult generateJson(Prompt prompt, JsonSchema schema, GenerationParams params) {
        calls.incrementAndGet();
        if (!enabled) {
            return delegate.generateJson(prompt, schema, params);
        }
        CallKey key = CallKey.of(identity, adapter, prompt, params, schema);
        Optional<JsonNode> stored = cache.get(key);
        if (stored.isPresent()) {
            hits.incrementAndGet();
            return structured(stored.get());
        }
        StructuredResult r = delegate.generateJson(prompt, schema, params);
        if (r.completion().finishReason() != FinishReason.CANCELLED) {
            cache.put(key, json(r));
        }
        return r;
    }

    @Override
    public int contextLength() {
        return delegate.contextLength();
    }

    @Override
    public int countTokens(Prompt prompt) {
        return delegate.countTokens(prompt);
    }

    @Override
    public void endSession(String sessionId) {
        delegate.endSession(sessionId);
    }

    /** Closes the model; views made by {@link #forItem} close nothing. */
    @Override
    public void close() {
        if (owner) {
            delegate.close();
        }
    }

    static ObjectNode json(Completion c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("text", c.text());
        n.put("prompt_tokens", c.promptTokens());
        n.put("completion_tokens", c.completionTokens());
        n.put("reused_prompt_tokens", c.reusedPromptTokens());
        n.put("prompt_ms", c.promptMs());
        n.put("generation_ms", c.generationMs());
        n.put("finish_reason", c.finishReason().name());
        return n;
    }

    static Completion completion(JsonNode n) {
        return new Completion(
                n.path("text").asText(),
                n.path("prompt_tokens").asInt(),
                n.path("completion_tokens").asInt(),
                n.path("reused_prompt_tokens").asInt(),
                n.path("prompt_ms").asLong(),
                n.path("generation_ms").asLong(),
                FinishReason.valueOf(n.path("finish_reason").asText()));
    }

    static ObjectNode json(StructuredResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", r.status().name());
        n.set("value", r.value());
        n.put("raw_text", r.rawText());
        ArrayNode errors = n.putArray("errors");
        r.errors().forEach(errors::add);
        n.set("completion", json(r.completion()));
        n.put("attempts", r.attempts());
        return n;
    }

    static StructuredResult structured(JsonNode n) {
        List<String> errors = new ArrayList<>();
        n.path("errors").forEach(e -> errors.add(e.asText()));
        JsonNode value = n.get("value");
        return new StructuredResult(
                StructuredResult.Status.valueOf(n.path("status").asText()),
                value == null
                                || value.isNull()
                                        && !"VALID".equals(n.path("status").asText())
                        ? null
                        : value,
                n.path("raw_text").asText(),
                errors,
                completion(n.path("completion")),
                n.path("attempts").asInt());
    }
}
