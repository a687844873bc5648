/**
 * Schema-constrained decoding: {@link TokenConstraints}, built once per vocabulary, starts a
 * {@link JsonConstraint} for each generation, which says which tokens may come next so that the
 * output parses and validates by construction. Behind them a byte-level recogniser of the
 * documents a {@link dev.noesis.core.structured.SchemaNode} allows walks a trie of the
 * vocabulary's tokens.
 *
 * <p>Imports only {@code core.structured}, {@code core.error} and Jackson. It never imports Jlama:
 * the decoding loop in {@code dev.noesis.jlama} calls it, so the constraint logic can be tested
 * without a model.
 */
package dev.noesis.jlama.structured;
