package dev.noesis.core.model;

import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.structured.JsonText;
import dev.noesis.core.structured.JsonValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Structured output for backends that cannot constrain decoding: ask, parse, validate, and when
 * the reply is not valid, show the model its reply and the problems and ask again, a bounded
 * number of times. A reply that never validates is returned as an INVALID result with the raw
 * text and the errors.
 */
public final class ValidateAndRepair {

    public static final int DEFAULT_ATTEMPTS = 3;

    private ValidateAndRepair() {}

    /**
     * @param generate one plain generation (a backend may add its own schema hint, such as an OpenAI response_format)
     * @param attempts the most generations, repairs included
     */
    public static StructuredResult run(
            Function<Prompt, Completion> generate,
            Prompt prompt,
            JsonSchema schema,
            GenerationParams params,
            int attempts) {
        Prompt current = StructuredOutput.instruct(prompt, schema);
        Completion total = null;
        String raw = "";
        List<String> errors = List.of();
        boolean truncated = false;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Completion c = generate.apply(current);
            total = total == null ? c : add(total, c);
            raw = c.text();
            JsonText.Parsed parsed = JsonText.firstValue(raw);
            truncated = parsed.value() == null && c.finishReason() == FinishReason.MAX_TOKENS;
            errors = parsed.value() == null
                    ? List.of(parsed.error())
                    : JsonValidator.validate(parsed.value(), schema.root());
            if (errors.isEmpty()) {
                return StructuredResult.valid(parsed.value(), raw, total, attempt);
            }
            if (c.finishReason() == FinishReason.CANCELLED) {
                break;
            }
            List<Message> messages = new ArrayList<>(current.messages());
            messages.add(Message.assistant(raw));
            messages.add(Message.user("That reply is not valid: " + String.join("; ", errors)
                    + ". Reply again with only the corrected JSON value."));
            current = new Prompt(current.system(), messages, null);
        }
        if (truncated) {
            errors = List.of("the budget of " + params.maxNewTokens()
                    + " new tokens ran out before the JSON document was complete");
        }
        return StructuredResult.failed(
                truncated ? StructuredResult.Status.TRUNCATED : StructuredResult.Status.INVALID,
                raw,
                errors,
                total,
                attempts);
    }

    private static Completion add(Completion a, Completion b) {
        return new Completion(
                b.text(),
                a.promptTokens() + b.promptTokens(),
                a.completionTokens() + b.completionTokens(),
                a.reusedPromptTokens() + b.reusedPromptTokens(),
                a.promptMs() + b.promptMs(),
                a.generationMs() + b.generationMs(),
                b.finishReason());
    }
}
