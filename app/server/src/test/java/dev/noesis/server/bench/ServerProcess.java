package dev.noesis.server.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code noesis serve} as a process of its own (the server's jar, as the {@code noesis} script
 * starts it), on a free loopback port, with its output in a log file.
 */
final class ServerProcess implements AutoCloseable {

    // The heap's line of jcmd GC.heap_info: "garbage-first heap   total 262144K, used 41234K [...]".
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final Path jcmd;
    private final URI base;
    private final long startedAt;
    private final Path log;

    private ServerProcess(Process process, Path jcmd, URI base, long startedAt, Path log) {
        this.process = process;
        this.jcmd = jcmd;
        this.base = base;
        this.startedAt = startedAt;
        this.log = log;
    }

    /**
     * Starts the server.
     *
     * @param command the java command and its flags, before {@code -D} settings and the jar
     * @param settings Noesis settings as system properties ({@code noesis.home}, ...)
     */
    static ServerProcess start(List<String> command, Path jar, Map<String, String> settings, Path log)
            throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(command);
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(port)));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Path jcmd = Path.of(command.getFirst()).resolveSibling("jcmd");
        return new ServerProcess(p, jcmd, URI.create("http://127.0.0.1:" + port + "/"), start, log);
    }

    URI base() {
        return base;
    }

    /** Waits until {@code /api/health} answers 200; the milliseconds from the process's start to then. */
    double awaitReady(HttpClient client, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpRequest health =
                HttpRequest.newBuilder(base.resolve("api/health")).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with status " + process.exitValue()
                        + " before it was ready; its output is in " + log);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedAt) / 1e6;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("The server was not ready within " + limit + "; its output is in " + log);
    }

    /** The server process's resident memory (VmRSS), in MiB. */
    double residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            throw new IllegalStateException("No VmRSS in /proc/" + process.pid() + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The server's heap in use just after a full collection (its live objects), in MiB, by the
     * JDK's {@code jcmd}: what a leak would grow, where resident memory also holds the heap the JVM
     * has grown into and keeps.
     */
    double liveHeapMiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("No 'used NK' in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), what)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + what + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
