package dev.noesis.server;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.ProcessTempFolder;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of {@code noesis serve}: reads its options, hands them to Quarkus as configuration
 * keys, then runs the server until it is stopped (Ctrl-C, SIGTERM).
 */
@QuarkusMain
public final class ServerMain {

    public static void main(String... args) {
        ProcessTempFolder.claim();
        ServeOptions options;
        try {
            options = ServeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("noesis serve: " + e.getMessage());
            System.err.println(ServeOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ServeOptions.USAGE);
            return;
        }
        options.toSystemProperties().forEach(System::setProperty);
        try {
            // The same checks the server makes as it starts, first here: a mistake is one line, not a stack trace.
            String host = Optional.ofNullable(System.getProperty("quarkus.http.host"))
                    .or(() -> Optional.ofNullable(System.getenv("QUARKUS_HTTP_HOST")))
                    .orElse("127.0.0.1");
            NoesisService.checkKey(NoesisConfig.load(Map.of()), host);
        } catch (InvalidInputException e) {
            System.err.println("noesis serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        Quarkus.run();
    }
}
