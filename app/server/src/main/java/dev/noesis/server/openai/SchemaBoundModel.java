package dev.noesis.server.openai;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredOutput;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.structured.JsonSchema;

/**
 * A model whose free-text generations are generations of one JSON schema, through the model's
 * own structured output ({@link LanguageModel#generateJson}: constrained decoding in process,
 * validate-and-repair on a model server). A run of any pipeline on it drafts its answers under
 * that schema; the modules' own structured calls (a planner's plan, a critic's verdict) keep
 * their schemas. Only the generator drafts by free text, so this is the answer's shape.
 *
 * <p>The document is produced whole: nothing reaches the listener while it is generated.
 */
final class SchemaBoundModel implements LanguageModel {

    private final LanguageModel backend;
    private final JsonSchema schema;

    SchemaBoundModel(LanguageModel backend, JsonSchema schema) {
        this.backend = backend;
        this.schema = schema;
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
        StructuredResult r = backend.generateJson(prompt, schema, params);
        Completion c = r.completion();
        return new Completion(
                r.rawText(),
                c.promptTokens(),
                c.completionTokens(),
                c.reusedPromptTokens(),
                c.promptMs(),
                c.generationMs(),
                c.finishReason());
    }

    @Override
    public StructuredResult generateJson(Prompt prompt, JsonSchema other, GenerationParams params) {
        return backend.generateJson(prompt, other, params);
    }

    @Override
    public int contextLength() {
        return backend.contextLength();
    }

    @Override
    public int countTokens(Prompt prompt) {
        // The prompt the backend encodes for a draft carries the schema's instruction: the generator fits its prompt to
        // that. For a module's own structured call this counts one instruction too many, which only cuts earlier.
        return backend.countTokens(StructuredOutput.instruct(prompt, schema));
    }

    @Override
    public void endSession(String sessionId) {
        backend.endSession(sessionId);
    }

    @Override
    public void close() {
        // The backend is the server's, shared by every request: not closed with one run.
    }
}
