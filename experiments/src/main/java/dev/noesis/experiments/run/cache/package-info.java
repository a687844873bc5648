/**
 * The model-call cache: a {@link dev.noesis.core.model.LanguageModel} decorator keyed by everything
 * that can change an output (model identity, adapter, the exact prompt, every generation param and
 * seed, the structured-output schema), stored on disk atomically, bounded in bytes with
 * least-recently-used eviction, with its hits counted. Imports core and the experiments log package
 * (for model identities and canonical JSON).
 */
package dev.noesis.experiments.run.cache;
