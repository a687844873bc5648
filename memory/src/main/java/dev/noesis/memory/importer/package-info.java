/**
 * Bulk imports into memory: {@link WordNetImporter} (WordNet 3.1 read with extJWNL, synsets as
 * concepts and their links as {@code IS_A}, {@code PART_OF} and {@code RELATED_TO} edges),
 * {@link TriplesImporter} (facts from JSON Lines) and {@link TwoWikiImporter} (2WikiMultihopQA
 * evidence triples). The fact importers report a {@link FactImport} with its
 * {@link ImportProblem}s (a malformed line is skipped, the rest imported); all report progress to
 * an {@link ImportListener}.
 *
 * <p>Facts are written to a {@link FactSink} (the memory implements it), WordNet through
 * {@link dev.noesis.memory.graph.Graph} and {@link dev.noesis.memory.write.GraphWriter}; the package
 * does not import the Neo4j driver itself. Its libraries are extJWNL and Jackson.
 */
package dev.noesis.memory.importer;
