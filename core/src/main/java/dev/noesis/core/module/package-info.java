/**
 * The thinking-module SPI: a {@link ThinkingModule} turns one
 * {@link dev.noesis.core.thought.ThoughtState} into the next, and is made from its typed config
 * record by a {@link ThinkingModuleFactory} (usually a {@link ModuleFactory}) found through
 * {@link java.util.ServiceLoader}. A factory declares the {@link ConditionValue}s its module
 * exposes to pipeline conditions; {@link ModuleSettings} is how a config record appears in the
 * trace.
 *
 * <p>For each step a module gets a {@link StepContext} (the metered model, generation settings,
 * trace notes) and lives in a {@link ModuleEnvironment} ({@link Templates}, the document index and
 * memory).
 *
 * <p>Imports only other core packages (model, thought, retrieval and memory ports), so a module
 * written against it sees ports, never a concrete backend.
 */
package dev.noesis.core.module;
