package dev.noesis.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.model.GenerationOverrides;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.orchestrator.Orchestrator;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.RunRequest;
import dev.noesis.wiring.Composition;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Notices;
import dev.noesis.wiring.Progress;
import dev.noesis.wiring.Wiring;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The REST server's measurements: start-up of {@code noesis serve} to ready, the server's
 * overhead per request with model time taken out (p50/p99 at 1 and 16 concurrent clients), and
 * the time to the first streamed token against the same call in process; or, with {@code soak},
 * {@link Soak}'s 500 mixed requests. Run by {@code scripts/server-bench}:
 *
 * <pre>ServerBench bench|soak --jar app/server/target/quarkus-app/quarkus-run.jar -- JAVA [JVM FLAGS...]</pre>
 *
 * <p>It is a program, not a test: figures on a loaded machine vary from run to run, so it prints
 * them (ratios are measured in the same run) and asserts nothing about time. The soak fails (exit
 * status 1) on any reply that is not what its request expects.
 */
public final class ServerBench {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final String ONE_TOKEN = "{\"model\":\"raw\",\"max_tokens\":1,\"temperature\":0,\"seed\":1,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String UNKNOWN =
            "{\"model\":\"no-such-pipeline\",\"messages\":[{\"role\":\"user\"," + "\"content\":\"Hi\"}]}";
    private static final String QUESTION = "Tell a short story about a lighthouse.";
    private static final int STREAM_TOKENS = 32;
    private static final String STREAMED = "{\"model\":\"raw\",\"stream\":true,\"max_tokens\":" + STREAM_TOKENS
            + ",\"temperature\":0,\"seed\":7,\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}";

    private final List<String> java;
    private final Path jar;
    private final Path home;

    private ServerBench(List<String> java, Path jar, Path home) {
        this.java = java;
        this.jar = jar;
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        int dashes = Arrays.asList(args).indexOf("--");
        if (args.length < 4 || dashes < 3 || !args[1].equals("--jar") || dashes == args.length - 1) {
            System.err.println("usage: ServerBench bench|soak --jar QUARKUS_RUN_JAR -- JAVA [JVM FLAGS...]");
            System.exit(2);
        }
        List<String> java = List.of(args).subList(dashes + 1, args.length);
        Path home = Files.createTempDirectory("noesis-server-bench");
        System.out.println(
                "Noesis home: " + home + "; CPUs: " + Runtime.getRuntime().availableProcessors() + "; load average: "
                        + Files.readString(Path.of("/proc/loadavg")).strip());
        ServerBench bench = new ServerBench(java, Path.of(args[2]), home);
        switch (args[0]) {
            case "bench" -> bench.measure();
            case "soak" -> System.exit(new Soak(bench::start).run() ? 0 : 1);
            default -> {
                System.err.println("ServerBench: the first argument is bench or soak, not '" + args[0] + "'");
                System.exit(2);
            }
        }
    }

    /** Starts a server on the bench's home with the tiny model, or with {@code model} when given. */
    ServerProcess start(Optional<String> model) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("noesis.home", home.toString());
        // Wide enough that 16 clients never meet a full queue: the bench measures service, not refusal.
        settings.put("noesis.server.queue", "64");
        model.ifPresent(m -> {
            settings.put("noesis.model", m);
            settings.put("noesis.openai.model-name", "stub");
        });
        return ServerProcess.start(java, jar, settings, Files.createTempFile(home, "server", ".log"));
    }

    private void measure() throws Exception {
        // Start-up: the first start writes the tiny model into the home; the later ones find it.
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try (ServerProcess s = start(Optional.empty())) {
                starts.add(s.awaitReady(new Http(s.base()).client(), READY_WITHIN));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nStart-up of noesis serve (java -jar quarkus-run.jar) to /api/health 200: first %.0f ms (writes the"
                        + " tiny model), then %s ms%n",
                starts.get(0),
                starts.subList(1, starts.size()).stream()
                        .map(d -> String.format(Locale.ROOT, "%.0f", d))
                        .toList());

        double serverTtft;
        try (ServerProcess s = start(Optional.empty())) {
            Http http = new Http(s.base());
            s.awaitReady(http.client(), READY_WITHIN);
            System.out.printf(
                    "%nServer on the tiny Jlama model (model time taken out with the reply's noesis.usage)%n");
            Load.run(4, 400, i -> http.get("api/health").ms());
            Load.run(4, 200, i -> chat(http, ONE_TOKEN).ms());
            for (int clients : new int[] {1, 16}) {
                Load.Result health = Load.run(
                        clients,
                        1000 * Math.min(clients, 4),
                        i -> http.get("api/health").ms());
                System.out.println(Percentiles.of("GET /api/health, " + clients + " clients", health.ms()));
                Load.Result unknown = Load.run(clients, 500 * Math.min(clients, 4), i -> {
                    Http.Reply r = http.post("v1/chat/completions", UNKNOWN);
                    expect(r.status() == 404, "404 for an unknown model", r);
                    return r.ms();
                });
                System.out.println(Percentiles.of(
                        "POST chat, unknown model (parse, resolve, 404), " + clients + " clients", unknown.ms()));
            }
            overhead(http, 1, 300);
            overhead(http, 16, 480);

            Load.run(1, 20, i -> streamed(http));
            Load.Result ttft = Load.run(1, 30, i -> streamed(http));
            Percentiles server = Percentiles.of("Streamed, time to first content chunk, over HTTP", ttft.ms());
            System.out.println(server);
            serverTtft = server.p50();
        }
        double inProcess = inProcessTimeToFirstToken();
        System.out.printf(
                Locale.ROOT, "Time to first token, server / in process (p50): %.2f%n", serverTtft / inProcess);

        try (StubModelServer stub = new StubModelServer();
                ServerProcess s = start(Optional.of(stub.baseUrl()))) {
            Http http = new Http(s.base());
            s.awaitReady(http.client(), READY_WITHIN);
            System.out.printf("%nServer on a test-double model that answers at once (OpenAI-compatible stub on"
                    + " loopback, its round trip included)%n");
            Http toStub = new Http(URI.create(stub.baseUrl() + "/"));
            Load.run(4, 400, i -> toStub.post("chat/completions", ONE_TOKEN).ms());
            System.out.println(Percentiles.of(
                    "The stub's own round trip (bench to stub), 1 client",
                    Load.run(
                                    1,
                                    1000,
                                    i -> toStub.post("chat/completions", ONE_TOKEN)
                                            .ms())
                            .ms()));
            Load.run(4, 1000, i -> chat(http, ONE_TOKEN).ms());
            for (int clients : new int[] {1, 16}) {
                Load.Result r = Load.run(
                        clients,
                        1000 * Math.min(clients, 4),
                        i -> chat(http, ONE_TOKEN).ms());
                System.out.println(Percentiles.of("POST chat on the stub, wall, " + clients + " clients", r.ms()));
                System.out.printf(
                        Locale.ROOT, "  throughput %.0f requests/s%n", r.ms().length / (r.elapsedMs() / 1000));
            }
        }
    }

    /** Chat completions on the tiny model with model time taken out; at 16 clients one runs while the rest queue. */
    private static void overhead(Http http, int clients, int total) throws Exception {
        double[] modelMs = new double[total];
        double[] noesisMs = new double[total];
        Load.Result r = Load.run(clients, total, i -> {
            Http.Reply reply = chat(http, ONE_TOKEN);
            JsonNode usage = reply.json().path("noesis").path("usage");
            modelMs[i] = usage.path("model_ms").asDouble();
            noesisMs[i] = usage.path("noesis_ms").asDouble();
            return reply.ms();
        });
        double[] wall = r.ms();
        double[] less = new double[total];
        for (int i = 0; i < total; i++) {
            less[i] = wall[i] - modelMs[i];
        }
        String c = ", " + clients + " client" + (clients == 1 ? "" : "s");
        System.out.println(Percentiles.of("POST chat max_tokens=1, wall" + c, wall));
        System.out.println(Percentiles.of("  of which model_ms (whole ms, from the reply)", modelMs));
        System.out.println(Percentiles.of("  of which noesis_ms (the run outside the model)", noesisMs));
        if (clients == 1) {
            System.out.println(Percentiles.of("  wall - model_ms (server overhead, model excluded)", less));
        } else {
            // One run has the model at a time: the wall time of a request is mostly its wait in the queue.
            double mean = Arrays.stream(modelMs).average().orElse(0);
            System.out.printf(
                    Locale.ROOT,
                    "  throughput %.0f requests/s; per request %.3f ms of which model %.3f ms: overhead %.3f ms%n",
                    total / (r.elapsedMs() / 1000),
                    r.elapsedMs() / total,
                    mean,
                    r.elapsedMs() / total - mean);
        }
    }

    private static Http.Reply chat(Http http, String body) throws Exception {
        Http.Reply r = http.post("v1/chat/completions", body);
        expect(r.status() == 200, "200", r);
        return r;
    }

    private static double streamed(Http http) throws Exception {
        Http.Stream s = http.stream("v1/chat/completions", STREAMED);
        if (s.status() != 200 || s.firstContentMs() < 0) {
            throw new IllegalStateException("A streamed request got " + s.status() + " and " + s.events());
        }
        return s.firstContentMs();
    }

    private static void expect(boolean ok, String what, Http.Reply r) {
        if (!ok) {
            throw new IllegalStateException("Expected " + what + ", got " + r.status() + ": " + r.body());
        }
    }

    /** The same streamed call as the server's, in this process: the same model file, pipeline and settings. */
    private double inProcessTimeToFirstToken() throws Exception {
        System.setProperty("noesis.home", home.toString());
        Wiring wiring = new Wiring(NoesisConfig.load(Map.of()), new Notices() {
            @Override
            public void notice(String line) {}

            @Override
            public Progress progress(String task, Progress.Unit unit) {
                return Progress.NONE;
            }
        });
        try (Composition composition = wiring.composition();
                LanguageModel model = wiring.models().open(Optional.empty())) {
            Pipeline raw = composition.pipelines().get("raw");
            Orchestrator orchestrator = new Orchestrator(model);
            GenerationOverrides settings = GenerationOverrides.NONE
                    .withMaxNewTokens(STREAM_TOKENS)
                    .withTemperature(0)
                    .withSeed(7);
            Load.Request call = i -> {
                AtomicLong first = new AtomicLong();
                long t = System.nanoTime();
                orchestrator.run(
                        raw,
                        RunRequest.of(QUESTION)
                                .withParams(wiring.generation(settings))
                                .withAnswerListener(text -> first.compareAndSet(0, System.nanoTime())));
                return (first.get() - t) / 1e6;
            };
            // This JVM is fresh where the server has served hundreds of requests: warm it as well before measuring.
            Load.run(1, 60, call);
            Percentiles p = Percentiles.of(
                    "Streamed, time to first token, in process",
                    Load.run(1, 30, call).ms());
            System.out.println(p);
            return p.p50();
        }
    }
}
