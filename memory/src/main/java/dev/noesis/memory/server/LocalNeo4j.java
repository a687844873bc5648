package dev.noesis.memory.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.memory.graph.BoltTarget;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts, finds and stops the local Neo4j server: a separate JVM process running the
 * {@code noesis-neo4j-local} program (GPL-3.0, like the Neo4j jars it runs) with Bolt on 127.0.0.1
 * and a free port. This class only launches that program and talks to it through files and
 * signals; Noesis reaches the database over Bolt.
 *
 * <p>Its folder ({@code <noesis home>/neo4j}) holds the database ({@code data/}), Neo4j's logs
 * ({@code logs/}), the generated password ({@code password}, owner-only), and {@code server.json}
 * (pid and port) while the server runs, so that later commands reuse it.
 */
public final class LocalNeo4j {

    /** The server program's main class, in the server's own class path. */
    public static final String MAIN_CLASS = "dev.noesis.memory.local.LocalNeo4jServer";

    public static final String USER = "neo4j";

    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)", Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param serverDir the server's files: {@code lib/*.jar} and {@code classpath} (built by memory/neo4j-local)
     * @param home      the folder for the database, logs, password and state
     * @param heap      the server's Java heap, e.g. {@code 768m}
     * @param pageCache Neo4j's page cache, e.g. {@code 256m}
     * @param startTimeout how long to wait for Bolt to listen
     */
    public record Settings(Path serverDir, Path home, String heap, String pageCache, Duration startTimeout) {

        public Settings {
            parseSize("heap", heap);
            parseSize("page cache", pageCache);
        }
    }

    /** A running server: its process id and Bolt port on 127.0.0.1. */
    public record Running(long pid, int port) {
        public String uri() {
            return "bolt://127.0.0.1:" + port;
        }
    }

    private final Settings settings;

    public LocalNeo4j(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public Path home() {
        return settings.home();
    }

    /** The server, if one runs for this folder. A state file left by a killed server is removed. */
    public Optional<Running> status() {
        Path state = stateFile();
        if (!Files.isRegularFile(state, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Running running;
        try {
            JsonNode json = JSON.readTree(Files.readString(state, StandardCharsets.UTF_8));
            running = new Running(json.path("pid").asLong(), json.path("port").asInt());
        } catch (IOException e) {
            return Optional.empty(); // being written; the caller waits or starts under the lock
        }
        if (isOurServer(running.pid())) {
            return Optional.of(running);
        }
        try {
            Files.deleteIfExists(state);
        } catch (IOException ignored) {
            // Not ours to keep; the next start overwrites it.
        }
        return Optional.empty();
    }

    /** The running server, started first if none runs. */
    public Running ensureRunning() {
        return ensureRunning(0);
    }

    /**
     * The running server, started first if none runs. With {@code exitWithPid > 0} a server started
     * here stops when that process ends (tests use it, so that no server outlives its run).
     */
    public Running ensureRunning(long exitWithPid) {
        try {
            createPrivateDirectory(settings.home());
        } catch (IOException e) {
            throw new BackendException("Cannot create the Neo4j folder " + settings.home() + ": " + e.getMessage(), e);
        }
        // One launcher at a time per folder, across processes: two commands started together must
        // not start two servers (the second would fail on Neo4j's store lock anyway).
        synchronized (LocalNeo4j.class) {
            try (FileChannel channel = FileChannel.open(
                            settings.home().resolve("launch.lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Optional<Running> running = status();
                return running.isPresent() ? running.get() : start(exitWithPid);
            } catch (IOException e) {
                throw new BackendException(
                        "Cannot lock " + settings.home().resolve("launch.lock") + ": " + e.getMessage(), e);
            }
        }
    }

    /** The Bolt address and credentials of the running server (started if needed). */
    public BoltTarget target() {
        return new BoltTarget(ensureRunning().uri(), USER, password(), "neo4j");
    }

    public BoltTarget target(Running running) {
        return new BoltTarget(running.uri(), USER, password(), "neo4j");
    }

    /**
     * Stops the server (SIGTERM: Neo4j checkpoints and closes its store), waiting up to {@code timeout},
     * then kills it. Returns false when none was running.
     */
    public boolean stop(Duration timeout) {
        Optional<Running> running = status();
        if (running.isEmpty()) {
            return false;
        }
        ProcessHandle process = ProcessHandle.of(running.get().pid()).orElse(null);
        if (process == null) {
            return false;
        }
        process.destroy();
        if (!waitForExit(process, timeout)) {
            process.destroyForcibly();
            waitForExit(process, Duration.ofMinutes(1));
        }
        try {
            Files.deleteIfExists(stateFile());
        } catch (IOException ignored) {
            // status() removes a stale file too.
        }
        return true;
    }

    /** Kills the server without letting it close its store, as a crash or power cut would. For reliability tests. */
    public void kill() {
        status().flatMap(r -> ProcessHandle.of(r.pid())).ifPresent(p -> {
            p.destroyForcibly();
            waitForExit(p, Duration.ofMinutes(1));
        });
    }

    /** The password of user {@code neo4j}, generated on first use and kept readable by the owner only. */
    public String password() {
        Path file = settings.home().resolve("password");
        try {
            createPrivateDirectory(settings.home());
            if (Files.isSymbolicLink(file)) {
                throw new InvalidInputException("The Neo4j password file " + file + " is a symbolic link; remove it and"
                        + " a new password is generated.");
            }
            if (!Files.exists(file)) {
                byte[] bytes = new byte[24];
                new SecureRandom().nextBytes(bytes);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                writeOwnerOnly(file, password);
                return password;
            }
            restrictToOwner(file);
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.length() < 8) {
                throw new InvalidInputException("The Neo4j password file " + file + " holds fewer than 8 characters;"
                        + " delete it and a new password is generated at the next start.");
            }
            return password;
        } catch (IOException e) {
            throw new BackendException(
                    "Cannot read or write the Neo4j password file " + file + ": " + e.getMessage(), e);
        }
    }

    public Path stateFile() {
        return settings.home().resolve("server.json");
    }

    public Path logFile() {
        return settings.home().resolve("logs").resolve("noesis-neo4j.log");
    }

    private Running start(long exitWithPid) {
        List<String> classpath = serverClasspath();
        password(); // generated now if missing: the server reads it at start
        Path log = logFile();
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (exitWithPid <= 0 && Files.isExecutable(setsid)) {
            // Its own session: Ctrl-C on the command that started it does not stop the server,
            // which later commands reuse.
            command.add(setsid.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + settings.heap());
        command.add("-Xmx" + settings.heap());
        command.add("-XX:+UseG1GC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:-OmitStackTraceInFastThrow");
        // Everything the server writes stays in its folder: JNA's unpacked stubs (else in
        // ~/.cache/JNA), other temporary files, and a JVM crash log (else in the working folder).
        Path tmp = settings.home().resolve("tmp");
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-Djna.tmpdir=" + tmp);
        command.add("-XX:ErrorFile=" + settings.home().resolve("logs").resolve("hs_err_pid%p.log"));
        command.add("--add-modules=jdk.incubator.vector");
        command.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add(MAIN_CLASS);
        command.addAll(List.of(
                "--home",
                settings.home().toString(),
                "--state",
                stateFile().toString(),
                "--password-file",
                settings.home().resolve("password").toString(),
                "--page-cache",
                Long.toString(parseSize("page cache", settings.pageCache()))));
        if (exitWithPid > 0) {
            command.addAll(List.of("--exit-with", Long.toString(exitWithPid)));
        }
        Process process;
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(settings.home().resolve("tmp"));
            Files.deleteIfExists(stateFile());
            // Not the caller's working folder: a server that outlives the command must not hold it.
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(settings.home().toFile());
            // The class path goes by the environment: on the command line its ~8 KB would push the
            // main class past what the OS reports of a command line (4 KB), which status() checks.
            builder.environment().put("CLASSPATH", String.join(java.io.File.pathSeparator, classpath));
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
        } catch (IOException e) {
            throw new BackendException(
                    "Cannot start the local Neo4j server (" + command.get(0) + "): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Running> running = status();
            if (running.isPresent()) {
                return running.get();
            }
            if (!process.isAlive()) {
                throw new BackendException("The local Neo4j server stopped while starting (exit code "
                        + process.exitValue() + "). The end of its log " + log + ":\n" + tail(log, 15));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(process);
                throw new BackendException("Interrupted while the local Neo4j server was starting.", e);
            }
        }
        abandon(process);
        throw new BackendException("The local Neo4j server did not start within "
                + settings.startTimeout().toSeconds() + " s; see its log " + log
                + " (a loaded machine is slower: noesis.memory.start-timeout allows more).");
    }

    private List<String> serverClasspath() {
        Path dir = settings.serverDir();
        Path file = dir.resolve("classpath");
        Path own = dir.resolve("lib").resolve("noesis-neo4j-local.jar");
        if (!Files.isRegularFile(file) || !Files.isRegularFile(own)) {
            throw new InvalidInputException(
                    "The local Neo4j server's files are missing in " + dir
                            + ": build them with `./build package -DskipTests` (or set noesis.memory.uri to use another Neo4j).");
        }
        List<String> entries = new ArrayList<>();
        entries.add(own.toString());
        try {
            for (String entry :
                    Files.readString(file, StandardCharsets.UTF_8).strip().split(":")) {
                if (!entry.isBlank()) {
                    Path jar = dir.resolve(entry.strip()).normalize();
                    if (!jar.startsWith(dir.normalize())) {
                        throw new InvalidInputException(
                                "The server class path " + file + " names a jar outside " + dir + ": " + entry);
                    }
                    entries.add(jar.toString());
                }
            }
        } catch (IOException e) {
            throw new BackendException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    /**
     * Polls rather than waiting on {@link ProcessHandle#onExit()}, whose completion runs on the common
     * fork-join pool: with one or two cores that pool may be busy (or blocked) with the caller's own work.
     */
    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }

    /**
     * Stops a server that failed to start, and waits until it has exited: a retry must not meet
     * its store lock.
     */
    private static void abandon(Process process) {
        process.destroy();
        if (!waitForExit(process.toHandle(), Duration.ofSeconds(30))) {
            process.destroyForcibly();
            waitForExit(process.toHandle(), Duration.ofMinutes(1));
        }
    }

    private static boolean isOurServer(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        // A pid can be reused by another program after a crash; trust it only if it runs our server.
        // A command line we cannot read belongs to another user, so never to a server we started.
        return handle.get()
                .info()
                .commandLine()
                .map(c -> c.contains(MAIN_CLASS))
                .orElse(false);
    }

    /** Bytes from {@code 512}, {@code 64k}, {@code 256m}, {@code 2g}. */
    public static long parseSize(String what, String value) {
        Matcher m = SIZE.matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            throw new InvalidInputException(
                    "The Neo4j " + what + " size must look like 512m or 2g, got '" + value + "'.");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    /** The folder holds the database and the password: readable by its owner only, where the file system allows. */
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        try {
            Files.createFile(
                    file,
                    PosixFilePermissions.asFileAttribute(
                            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            var owner = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            if (!Files.getPosixFilePermissions(file).equals(owner)) {
                Files.setPosixFilePermissions(file, owner);
            }
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system; its own access rules apply.
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String tail(Path file, int lines) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - 8192);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            List<String> all = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }
}
