package dev.noesis.core.model;

/** Who wrote a message in a conversation. The system text is not a message: see {@link Prompt#system()}. */
public enum Role {
    USER,
    ASSISTANT
}
