package dev.noesis.core.trace;

import java.util.Objects;

/** Something a module did besides calling the model (what it injected, chose or dropped), and why. */
public record Note(String what, String why) {

    public Note {
        Objects.requireNonNull(what, "what");
        why = why == null ? "" : why;
    }
}
