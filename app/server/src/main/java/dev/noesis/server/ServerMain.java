package dev.noesis.server;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of {@code noesis serve}: reads its options, hands them to Quarkus as configuration
 * keys, then runs the server until it is stopped (Ctrl-C, SIGTERM).
 */
@QuarkusMain
public final class ServerMain {

    public static void main(String... args) {
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
        Quarkus.run();
    }
}
