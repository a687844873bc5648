package dev.noesis.core.thought;

/** A critic's judgement of a draft. */
public enum Verdict {
    ACCEPT,
    REVISE
}
