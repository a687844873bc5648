package dev.noesis.cli;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.wiring.NoesisConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the `noesis` command in-process with its own home folder and environment, capturing what it prints. */
final class Cli {

    record Result(int exit, String out, String err) {}

    private final Map<String, String> env = new HashMap<>();

    Cli(Path home) {
        env.put("NOESIS_HOME", home.toString());
    }

    Cli env(String key, String value) {
        env.put(key, value);
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        Map<String, String> snapshot = Map.copyOf(env);
        int exit = Noesis.execute(
                new CliContext(o, e, flags -> NoesisConfig.load(snapshot, System.getProperties(), flags)), args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
