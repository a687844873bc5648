/**
 * {@code noesis memory}: {@link MemoryCommand} and its subcommands {@link ImportCommand},
 * {@link EmbedCommand}, {@link RecallCommand}, {@link StatsCommand}, {@link ConsolidateCommand},
 * {@link MemoryBenchCommand} and the local server's start, stop and status
 * ({@link ServerCommands}).
 *
 * <p>Memory is opened through {@link dev.noesis.wiring.MemoryAccess}; the commands then use the
 * memory module's own types (importers, consolidation, the embedding stage), which belong to
 * Neo4j memory alone, and the memory benchmarks of {@code dev.noesis.benchmarks.memory}. Imports
 * {@code cli.terminal}, never its sibling {@code cli.command}.
 */
package dev.noesis.cli.command.memory;
