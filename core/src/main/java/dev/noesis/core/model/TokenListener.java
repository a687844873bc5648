package dev.noesis.core.model;

/** Receives generated text as it is produced (streaming). */
@FunctionalInterface
public interface TokenListener {

    TokenListener NONE = text -> {};

    /** A chunk of the answer; never empty. Chunks arrive in order and never split a character. */
    void onText(String text);
}
