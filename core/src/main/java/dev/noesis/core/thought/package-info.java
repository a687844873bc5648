/**
 * The blackboard modules pass along: {@link ThoughtState}, an immutable record, and what it holds:
 * {@link Evidence}, {@link Hint}s, {@link Draft}s with their {@link Validation}s,
 * {@link Critique}s with a {@link Verdict}, and {@link Attributes}, the typed extension map keyed
 * by {@link AttributeKey}s for third-party modules.
 *
 * <p>Imports only {@code core.error} and {@code core.model} (conversation history is
 * {@link dev.noesis.core.model.Message}s). Plain data: nothing here calls a model or a store.
 */
package dev.noesis.core.thought;
