/**
 * {@code noesis lab}: {@link LabCommand} and its subcommands {@link WorldCommand},
 * {@link TrainCommand} and {@link RunCommand}.
 *
 * <p>The work is done by {@link dev.noesis.wiring.Lab}; training progress (loss, tokens/s, time
 * left) reaches the terminal through the wiring's notices. The commands read the lab's own result
 * types (the world, training reports) and the harness's results to print them. Imports {@code cli.terminal}, never its
 * siblings {@code cli.command} or {@code cli.command.memory}.
 */
package dev.noesis.cli.command.lab;
