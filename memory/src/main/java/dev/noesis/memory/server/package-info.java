/**
 * {@link LocalNeo4j} starts, finds and stops the local Neo4j server, a separate JVM process
 * running the {@code noesis-neo4j-local} program, and gives its Bolt address as a
 * {@link dev.noesis.memory.graph.BoltTarget}.
 *
 * <p>It imports neither the Neo4j server nor the driver: it names the server's main class as a
 * string, launches the program and talks to it through files and signals, so the GPL-licensed
 * server and its libraries stay off Noesis's class path.
 */
package dev.noesis.memory.server;
