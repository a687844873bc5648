package dev.noesis.experiments.run;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.structured.JsonSchema;

/**
 * A model whose free-text generations are answers under a schema: every plain {@link #generate} (in
 * Noesis's pipelines, only the generator's answer drafts: planner, critic and memory writer already
 * ask for JSON of their own) becomes {@link LanguageModel#generateJson} with the suite's answer schema,
 * so the backend constrains its decoding (Jlama) or validates and repairs the reply (a server), the
 * same capability {@code StructuredOutput} gives every model. Structured calls of modules pass through
 * with their own schemas. The completion's text is the value as compact JSON when it is valid, else the
 * model's raw text, so that a failed structured answer is extracted (and scored) as what it was.
 *
 * <p>Put it above the model-call cache: the cache then keys each answer by its schema too.
 */
public final class StructuredAnswers implements LanguageModel {

    private final LanguageModel model;
    private final JsonSchema schema;

    /**
     * @param model  the model (a per-item view; this wrapper closes nothing)
     * @param schema the suite's answer schema
     */
    public StructuredAnswers(LanguageModel model, JsonSchema schema) {
        this.model = model;
        this.schema = schema;
    }

    public JsonSchema schema() {
        return schema;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
        StructuredResult r = model.generateJson(prompt, schema, params);
        String text = r.valid() ? r.value().toString() : r.rawText();
        if (!text.isEmpty()) {
            listener.onText(text);
        }
        Completion c = r.completion();
        return new Completion(
                text,
                c.promptTokens(),
                c.completionTokens(),
                c.reusedPromptTokens(),
                c.promptMs(),
                c.generationMs(),
                c.finishReason());
    }

    @Override
    public StructuredResult generateJson(Prompt prompt, JsonSchema other, GenerationParams params) {
        return model.generateJson(prompt, other, params);
    }

    @Override
    public int contextLength() {
        return model.contextLength();
    }

    @Override
    public int countTokens(Prompt prompt) {
        return model.countTokens(prompt);
    }

    @Override
    public void endSession(String sessionId) {
        model.endSession(sessionId);
    }

    /** Closes nothing: the model is the caller's. */
    @Override
    public void close() {}
}
