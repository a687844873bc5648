package dev.noesis.core.model;

import dev.noesis.core.structured.JsonSchema;
import java.util.ArrayList;
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
        return generateJson(prompt, JsonSchema.choice(options), params)
                .valueOrThrow()
                .asText();
    }

    /**
     * The prompt with the instruction to answer in JSON conforming to the schema, added at the end
     * of the last user message. At the end, so that calls with different schemas still share
     * their beginning, which a backend with a KV cache can reuse.
     */
    static Prompt instruct(Prompt prompt, JsonSchema schema) {
        String instruction =
                "Reply with one JSON value, and nothing else, that conforms to this JSON Schema:\n" + schema.toJson();
        List<Message> messages = new ArrayList<>(prompt.messages());
        int last = messages.size() - 1;
        if (messages.get(last).role() == Role.USER) {
            messages.set(last, Message.user(messages.get(last).content() + "\n\n" + instruction));
        } else {
            messages.add(Message.user(instruction));
        }
        return new Prompt(prompt.system(), messages, prompt.sessionId());
    }
}
