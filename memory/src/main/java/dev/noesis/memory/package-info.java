/**
 * Long-term memory on Neo4j: {@link Neo4jMemory}, the {@link dev.noesis.core.memory.Memory} port
 * through the Neo4j Java driver over Bolt only (one code path for the local server, a
 * docker-compose one or a cluster), at a {@link BoltTarget}, through a {@link Graph} that runs
 * only constant Cypher strings with parameters. {@link MemorySchema} creates and versions
 * constraints and indexes; {@link Names} normalises names into concept ids; {@link PathFinder}
 * answers "is X a kind of Y?" from the graph; {@link MemoryStats} says what memory holds.
 *
 * <p>{@link Neo4jMemory} composes the write, recall, consolidate and embed subpackages, which use
 * {@link Graph}, {@link MemorySchema} and {@link Names} from here: these five packages are one
 * unit. They are the only packages that import the Neo4j driver, and none of them imports the
 * Neo4j server.
 */
package dev.noesis.memory;
