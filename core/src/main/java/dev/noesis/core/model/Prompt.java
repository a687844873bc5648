package dev.noesis.core.model;

import dev.noesis.core.error.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model is asked: an optional system text and the conversation so far.
 *
 * @param system    instructions for the model, or empty
 * @param messages  the conversation, oldest first; not empty
 * @param sessionId when set, a backend that keeps a cache between calls (Jlama's KV cache)
 *                  may reuse the work done for an earlier prompt of the same session that this
 *                  one extends. Null when every call stands alone.
 */
public record Prompt(String system, List<Message> messages, String sessionId) {

    public Prompt {
        system = system == null ? "" : system;
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new InvalidInputException("A prompt needs at least one message.");
        }
    }

    public static Prompt of(String userText) {
        return new Prompt("", List.of(Message.user(userText)), null);
    }

    public static Prompt of(String system, String userText) {
        return new Prompt(system, List.of(Message.user(userText)), null);
    }

    public Prompt withSession(String id) {
        return new Prompt(system, messages, id);
    }

    public Optional<String> session() {
        return Optional.ofNullable(sessionId);
    }
}
