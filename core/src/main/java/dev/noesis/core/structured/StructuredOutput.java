package dev.noesis.core.structured;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import java.util.List;

/**
 * The structured-output capability every {@link dev.noesis.core.model.LanguageModel} has:
 * generate a JSON value that conforms to a schema. An in-process model constrains its decoding
 * so that the value parses and validates by construction; a model server is asked for the schema
 * and its reply is validated and repaired. Either way the prompt gets the same instruction
 * ({@link #instruct}), so a prompt means the same to every backend.
 */
public interface StructuredOutput {

    /** A value conforming to {@code schema}, or a result that says why there is none. */
    StructuredResult generateJson(Prompt prompt, JsonSchema schema, GenerationParams params);

    /** A record of {@code type}; throws {@link StructuredOutputException} when the model gives none. */
    default <T> T generateObject(Prompt prompt, Class<T> type, GenerationParams params) {
        return generateJson(prompt, JsonSchema.forRecord(type), params).as(type);
    }

    /** One of {@code options}; throws {@link StructuredOutputException} when the model gives none. */
    default String choose(Prompt prompt, List<String> options, GenerationParams params) {
        return generateJson(prompt, JsonSchema.choice(options), params).valueOrThrow().asText();
    }

    /** The prompt with the instruction to answer in JSON conforming to the schema added to its system text. */
    static Prompt instruct(Prompt prompt, JsonSchema schema) {
        String instruction = "Reply with one JSON value, and nothing else, that conforms to this JSON Schema:\n" + schema.toJson();
        String system = prompt.system().isEmpty() ? instruction : prompt.system() + "\n\n" + instruction;
        return new Prompt(system, prompt.messages(), prompt.sessionId());
    }
}
