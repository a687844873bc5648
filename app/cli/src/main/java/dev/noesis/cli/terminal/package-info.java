/**
 * What the commands share at the terminal: {@link CliContext} (where to print, how to read the
 * configuration with a command's flags on top, via {@link ConfigFlags}), {@link ErrorReport} (one
 * line per error, with the command that fixes it when it names a remedy) and {@link ExitCodes},
 * {@link ProgressBars} and the wiring's notices on standard error, {@link TraceFormatter} for
 * traces, and {@link CancelOnInterrupt} so that Ctrl-C cancels a run instead of killing it.
 *
 * <p>Imports core, the orchestrator (run results), {@code dev.noesis.wiring} and the progress-bar
 * library; it does not import picocli, which stays in the command packages.
 */
package dev.noesis.cli.terminal;
