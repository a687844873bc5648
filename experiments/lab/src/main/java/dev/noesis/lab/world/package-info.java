/**
 * The lab's synthetic world: {@link dev.noesis.lab.world.World} (entities, facts, questions with
 * gold answers, the trained/held-out split), {@link dev.noesis.lab.world.TaskDomain} (tasks for
 * adapters) and {@link dev.noesis.lab.world.WorldWriter} (the folder: documents, triples, user
 * suites).
 *
 * <p>Imports only {@code core.error} and Jackson: no model, no DJL.
 */
package dev.noesis.lab.world;
