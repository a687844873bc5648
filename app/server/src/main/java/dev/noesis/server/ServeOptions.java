package dev.noesis.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The options of {@code noesis serve}. Each one sets a configuration key, so a key in the
 * environment or the home file does the same: {@code --host} is {@code quarkus.http.host},
 * {@code --port} is {@code quarkus.http.port}, {@code --api-key-file} is
 * {@code noesis.server.api-key-file}.
 *
 * @param host        the address to listen on, or empty for the configured one (default 127.0.0.1)
 * @param port        the port, or empty for the configured one (default 8420)
 * @param apiKeyFile  the file with the API key, or empty
 * @param help        whether only the usage was asked for
 */
public record ServeOptions(Optional<String> host, Optional<Integer> port, Optional<String> apiKeyFile, boolean help) {

    static final String USAGE = """
            Usage: noesis serve [--host ADDRESS] [--port PORT] [--api-key-file FILE]
            Starts the REST server: OpenAI-compatible /v1/models and /v1/chat/completions (every pipeline
            is a model), and /api/runs/{id} (the record of a recent run).
              --host ADDRESS       Address to listen on. Default: 127.0.0.1 (this machine only). Any other
                                   address needs an API key.
              --port PORT          Port. Default: 8420.
              --api-key-file FILE  A file (readable by its owner only) holding the key that clients send as
                                   "Authorization: Bearer KEY". Default: noesis.server.api-key-file, else none.
              -h, --help           Show this help.""";

    /** Reads the command line; a mistake is an {@link IllegalArgumentException} saying what was expected. */
    public static ServeOptions parse(String... args) {
        Optional<String> host = Optional.empty();
        Optional<Integer> port = Optional.empty();
        Optional<String> keyFile = Optional.empty();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--host" -> host = Optional.of(value(args, i, arg));
                case "--port" -> port = Optional.of(port(value(args, i, arg)));
                case "--api-key-file" -> keyFile = Optional.of(value(args, i, arg));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'.");
            }
            if (!arg.contains("=") && !name.equals("-h") && !name.equals("--help")) {
                i++;
            }
        }
        return new ServeOptions(host, port, keyFile, help);
    }

    /** The configuration keys these options set. */
    public Map<String, String> toSystemProperties() {
        Map<String, String> keys = new LinkedHashMap<>();
        host.ifPresent(h -> keys.put("quarkus.http.host", h));
        port.ifPresent(p -> keys.put("quarkus.http.port", p.toString()));
        apiKeyFile.ifPresent(f -> keys.put("noesis.server.api-key-file", f));
        return keys;
    }

    private static String value(String[] args, int i, String arg) {
        String value;
        if (arg.contains("=")) {
            value = arg.substring(arg.indexOf('=') + 1);
        } else if (i + 1 < args.length) {
            value = args[i + 1];
        } else {
            throw new IllegalArgumentException(arg + " needs a value.");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(arg + " needs a value, got an empty one.");
        }
        return value;
    }

    private static int port(String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, got '" + value + "'.");
    }
}
