/**
 * Noesis put together from its configuration, the one place every entry point gets its parts:
 * {@link Wiring} hands out {@link Models} (a {@link dev.noesis.core.model.LanguageModel} from a
 * local folder, a hub id or a server URL), {@link Documents} (the document index and ingestion),
 * {@link MemoryAccess} (memory, on a named Neo4j server or the local one) and the
 * {@link Composition} of modules and pipelines, and the {@link Lab} (synthetic worlds, small models
 * trained on them). {@link NoesisConfig} is the one typed
 * configuration, read with SmallRye Config from flags, system properties, the environment and the
 * home file ({@link HomeConfigSource}).
 *
 * <p>Concrete implementations are chosen here: it imports the adapters, retrieval, memory, modules,
 * the orchestrator and the lab. It never imports picocli and never prints: it tells the person running
 * Noesis what it does through {@link Notices} and {@link Progress}, which the entry point
 * supplies.
 */
package dev.noesis.wiring;
