package dev.noesis.cli.terminal;

import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Wiring;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What every command works with: where to print, how to read the configuration (with the
 * command's own flags as its strongest source), and whether --verbose was given. The configuration
 * is read when a command asks for it, so its errors are reported like any other.
 *
 * @param config reads the configuration with the given keys from flags on top
 */
public record CliContext(
        PrintStream out, PrintStream err, Function<Map<String, String>, NoesisConfig> config, boolean verbose) {

    public CliContext(PrintStream out, PrintStream err, Function<Map<String, String>, NoesisConfig> config) {
        this(out, err, config, false);
    }

    /** Noesis wired from the configuration with these flags on top; notices and progress go to standard error. */
    public Wiring wiring(ConfigFlags... flags) {
        Map<String, String> keys = new HashMap<>();
        for (ConfigFlags f : flags) {
            f.addTo(keys);
        }
        return new Wiring(config.apply(keys), new TerminalNotices(err));
    }
}
