/**
 * The write path: {@link FactWriter} writes facts with their concepts, provenance and supersession
 * (closing, never deleting, what a new exclusive fact replaces), and {@link GraphWriter} makes
 * batched, idempotent upserts of {@link ConceptRow}s and {@link EdgeRow}s; {@link Predicates} maps
 * a fact's predicate to {@code IS_A}, {@code PART_OF} or {@code RELATED_TO}.
 *
 * <p>Both run inside the caller's transaction and never open or commit one. Imports
 * {@code core.memory}, the Neo4j driver and {@link dev.noesis.memory.graph.Names}; every statement is a
 * constant Cypher string with parameters.
 */
package dev.noesis.memory.write;
