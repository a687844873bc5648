/**
 * The REST server of {@code noesis serve}, on Quarkus: its entry point and options, the Noesis it
 * serves ({@link dev.noesis.server.NoesisService}: wired once through {@code dev.noesis.wiring},
 * like every entry point), the API key, the run queue, the records of recent runs
 * ({@code /api/runs/{id}}), document search ({@code /api/retrieval/search}), memory
 * ({@code /api/memory/recall}, {@code /api/memory/facts}), ingest jobs confined to the configured
 * roots ({@code /api/ingest}), the run metrics
 * Prometheus reads ({@code /q/metrics}), finished runs sent to an OpenTelemetry collector as spans
 * when one is configured ({@code RunTelemetry}, {@code RunSpans})
 * and the error bodies. Quarkus's OpenAPI extension writes
 * the document of every endpoint ({@code /q/openapi}, with Swagger UI at {@code /q/swagger-ui}). The OpenAI-compatible endpoints are in
 * {@link dev.noesis.server.openai}.
 *
 * <p><b>Shape.</b> The server is a module of its own with its own Quarkus runner
 * ({@code target/quarkus-app/quarkus-run.jar}, Quarkus's fast-jar), not Quarkus command mode
 * inside the command line: the CLI's class path stays free of Vert.x, Netty and Quarkus (so
 * {@code noesis ask} starts as fast as before and can never open a port), the server's class
 * path holds no picocli, and Quarkus's build step (its class index, its generated
 * configuration) runs on the server's module only. The {@code noesis} launcher runs this jar
 * for {@code noesis serve}. The two entry points share their wiring through
 * {@code app/wiring} and never import each other.
 *
 * <p><b>Netty.</b> Memory reaches Neo4j through the Bolt driver, whose Netty transport runs on
 * the Netty of the Quarkus platform (4.1) here; the Neo4j server, which needs Netty 4.2, runs in
 * its own process (memory/neo4j-local), so the two never meet on one class path.
 *
 * <p>May import: core, orchestrator, wiring, the embeddings adapter (the embedder the wiring opens),
 * Quarkus and Jakarta REST; never the command line.
 */
package dev.noesis.server;
