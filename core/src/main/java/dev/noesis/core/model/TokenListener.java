package dev.noesis.core.model;

/**
 * Receives generated text as it is produced (streaming). A backend may call it from a thread of
 * its own (an HTTP client's reader), not the thread that called
 * {@link LanguageModel#generate}; calls are never concurrent.
 */
@FunctionalInterface
public interface TokenListener {

    TokenListener NONE = text -> {};

    /** A chunk of the answer; never empty. Chunks arrive in order and never split a character. */
    void onText(String text);
}
