/**
 * The subcommands of {@code noesis}, one picocli class each: {@link AskCommand},
 * {@link DemoCommand}, {@link PipelinesCommand}, {@link IngestCommand}, {@link SearchCommand},
 * {@link ModelCommand} (with {@link CreateTinyCommand}, {@link ModelInfoCommand},
 * {@link QuantizeCommand} and {@link BenchCommand}), {@link EvalCommand} (with
 * {@link EvalRetrievalCommand}) and {@link BenchGroupCommand} (with
 * {@link RetrievalBenchCommand}), and the flag groups they share: {@link ModelOptions},
 * {@link RetrievalOptions}, {@link GenerationOptions} and {@link FusionOptions}.
 *
 * <p>Commands get models, documents and the module composition from
 * {@link dev.noesis.wiring.Wiring} and print through {@code cli.terminal}; they use a backend's
 * own types only for tooling that belongs to that backend (Jlama model folders, quantization, tiny
 * models, the demo on the tiny model); BEIR evaluation and the benchmarks come from
 * {@code dev.noesis.benchmarks}. Never imports the
 * parent package or its sibling {@code cli.command.memory}.
 */
package dev.noesis.cli.command;
