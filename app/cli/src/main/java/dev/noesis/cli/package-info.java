/**
 * The {@code noesis} command line: {@link Noesis}, the picocli root command that lists the
 * subcommands and turns errors into what the person at the terminal reads, and the command line's
 * logging set-up.
 *
 * <p>Imports the command packages, {@code cli.terminal} and the configuration
 * ({@link dev.noesis.wiring.NoesisConfig}); the command line never imports the REST server.
 */
package dev.noesis.cli;
