/*
 * Noesis local Neo4j server.
 * Copyright (C) the Noesis authors.
 *
 * This program is free software: you can redistribute it and/or modify it under the terms of the
 * GNU General Public License as published by the Free Software Foundation, either version 3 of the
 * License, or (at your option) any later version. It is distributed WITHOUT ANY WARRANTY; see the
 * GNU General Public License (the LICENSE file beside this module) for more details.
 */
package dev.noesis.memory.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * A Neo4j DBMS in this JVM with Bolt on 127.0.0.1, for Noesis's memory. Noesis starts it as a
 * separate program ({@code java -cp <server lib> dev.noesis.memory.local.LocalNeo4jServer ...})
 * and talks to it over Bolt only.
 *
 * <p>Arguments: {@code --home DIR} (the Neo4j home: data and logs go below it), {@code --state FILE}
 * (written once Bolt listens: pid and port as JSON; removed at a clean stop), {@code --password-file
 * FILE} (the password of user {@code neo4j}; set at every start, so the file is the one truth),
 * {@code --page-cache BYTES}, {@code --port N} (0: any free port), and {@code --exit-with PID}
 * (stop when that process ends; tests use it so that no server outlives its test run).
 *
 * <p>It stops cleanly on SIGTERM: the shutdown hook closes the DBMS, which checkpoints the store.
 */
public final class LocalNeo4jServer {

    private LocalNeo4jServer() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("noesis-neo4j-local: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (Throwable t) {
            System.err.println("noesis-neo4j-local: the server failed to start: " + t);
            t.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private static void run(Options options) throws IOException, InterruptedException {
        String password =
                Files.readString(options.passwordFile(), StandardCharsets.UTF_8).strip();
        if (password.length() < 8) {
            throw new IllegalStateException(
                    "the password in " + options.passwordFile() + " is shorter than 8 characters");
        }
        Files.deleteIfExists(options.stateFile());
        PrintStream log = System.out;
        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(options.home())
                .setUserLogProvider(new Log4jLogProvider(log, Level.INFO))
                .setConfig(settings(options))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.println(Instant.now() + " noesis-neo4j-local: stopping");
                            try {
                                dbms.shutdown();
                            } finally {
                                deleteQuietly(options.stateFile());
                                log.println(Instant.now() + " noesis-neo4j-local: stopped");
                                log.flush();
                                stopped.countDown();
                            }
                        },
                        "noesis-neo4j-local-shutdown"));

        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        setPassword(system, password);
        int port = boltPort(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
        long pid = ProcessHandle.current().pid();
        writeState(options.stateFile(), pid, port);
        log.printf(
                "%s noesis-neo4j-local: Bolt on 127.0.0.1:%d, pid %d, started in %d ms%n",
                Instant.now(), port, pid, (System.nanoTime() - started) / 1_000_000);
        log.flush();

        if (options.exitWith() > 0) {
            watch(options.exitWith());
        }
        stopped.await();
    }

    private static Map<Setting<?>, Object> settings(Options options) {
        Map<Setting<?>, Object> settings = new HashMap<>();
        settings.put(BoltConnector.enabled, true);
        settings.put(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.port()));
        settings.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        settings.put(BoltConnector.enable_discovery, false);
        settings.put(GraphDatabaseSettings.auth_enabled, true);
        settings.put(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes());
        // No usage reports from a server the user did not install themselves.
        settings.put(GraphDatabaseSettings.udc_enabled, false);
        // Bolt waits 5 s for its threads and 5 more for its connections at shutdown; the only
        // clients are Noesis's own, which have closed their sessions by then.
        settings.put(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1));
        settings.put(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1));
        return settings;
    }

    /** Stops the server (cleanly, through the shutdown hook) once process {@code pid} has ended. */
    private static void watch(long pid) {
        Thread watcher = new Thread(
                () -> {
                    // Polled on a thread of its own: ProcessHandle.onExit() completes on the common pool, which
                    // the database may keep busy.
                    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    System.exit(0);
                },
                "noesis-neo4j-local-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Sets the password of user {@code neo4j} through the system database, parameterised. Setting
     * the same password again is refused by Neo4j, which is fine: then it already holds.
     */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static int boltPort(GraphDatabaseService db) {
        ConnectorPortRegister ports =
                ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
        var address = ports.getLocalAddress(ConnectorType.BOLT);
        if (address == null) {
            throw new IllegalStateException("Bolt did not start");
        }
        return address.getPort();
    }

    private static void writeState(Path file, long pid, int port) throws IOException {
        String json = "{\"pid\": " + pid + ", \"port\": " + port + ", \"startedAt\": \"" + Instant.now() + "\"}\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The launcher checks the pid in the file anyway.
        }
    }

    record Options(Path home, Path stateFile, Path passwordFile, long pageCacheBytes, int port, long exitWith) {

        static Options parse(String[] args) {
            Path home = null;
            Path state = null;
            Path password = null;
            long pageCache = 128L << 20;
            int port = 0;
            long exitWith = 0;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--home" -> home = Path.of(value).toAbsolutePath();
                    case "--state" -> state = Path.of(value).toAbsolutePath();
                    case "--password-file" -> password = Path.of(value).toAbsolutePath();
                    case "--page-cache" -> pageCache = Long.parseLong(value);
                    case "--port" -> port = Integer.parseInt(value);
                    case "--exit-with" -> exitWith = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (home == null || state == null || password == null) {
                throw new IllegalArgumentException("usage: --home DIR --state FILE --password-file FILE"
                        + " [--page-cache BYTES] [--port N] [--exit-with PID]");
            }
            return new Options(home, state, password, pageCache, port, exitWith);
        }
    }
}
