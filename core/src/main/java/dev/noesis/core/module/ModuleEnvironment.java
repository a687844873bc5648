package dev.noesis.core.module;

/**
 * What a module may use besides the model: prompt templates, and (as they become available) the
 * document index and memory, always through their ports. Wired by the application.
 */
public interface ModuleEnvironment {

    /** The prompt templates, with the user's overrides applied. */
    Templates templates();
}
