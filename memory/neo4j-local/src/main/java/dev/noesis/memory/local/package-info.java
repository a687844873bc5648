/**
 * {@link LocalNeo4jServer}, the program that runs a Neo4j DBMS with Bolt on 127.0.0.1 for Noesis's
 * memory, started as a separate process by the memory module's {@code LocalNeo4j}. GPL-3.0, like
 * the Neo4j jars it runs; everything else in Noesis is Apache-2.0.
 *
 * <p>Imports only Neo4j and the JDK, no Noesis package, and no Noesis code imports it: the two
 * sides meet only over Bolt and the state and password files.
 */
package dev.noesis.memory.local;
