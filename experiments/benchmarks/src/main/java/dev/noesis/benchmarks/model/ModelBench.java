package dev.noesis.benchmarks.model;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.JlamaLoopRun;
import dev.noesis.jlama.JlamaRuntime;
import dev.noesis.jlama.structured.TokenConstraints;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures a model on this machine for hardware reports: load time, prompt processing speed,
 * generation speed and peak memory, and what Noesis's own decoding loop costs over calling
 * Jlama's {@code generate} directly. Both are run in alternating rounds in one process, on the
 * same prompt and with greedy decoding, so that the comparison shares the machine's state.
 */
public final class ModelBench {

    /** A prompt of ordinary English, about 120 tokens with a real tokenizer. */
    static final String PROMPT = "Read the following notes and then answer the question at the end in a few sentences. "
            + "The river rose slowly through the night, and by morning the low fields near the old mill were under "
            + "water. People in the village had seen this before: they moved their animals to the hill, carried the "
            + "grain into the upper rooms, and waited for the water to go down again. The committee later met to "
            + "decide where a new bridge should be built, and chose the market, because more people cross the river "
            + "there every day and the ground on both sides is firm and dry. Question: why was the market chosen?";

    /**
     * @param newTokens tokens generated per round
     * @param rounds    measured rounds of each of the two loops (after one warm-up round each)
     */
    public record Options(int newTokens, int rounds) {
        public static final Options DEFAULT = new Options(64, 3);
    }

    /** Figures of one run; times are medians over the rounds. */
    public record Report(
            Path model,
            String computePath,
            int threads,
            long loadMs,
            int promptTokens,
            double promptMsPerToken,
            double jlamaPromptMsPerToken,
            int newTokens,
            double tokensPerSecond,
            double jlamaTokensPerSecond,
            double overheadPercent,
            long peakRssBytes,
            long heapUsedBytes) {}

    /**
     * What schema-constrained decoding costs: the one-time token tables, and generation speed
     * under two schemas that cannot complete within the measured tokens (so every round
     * generates exactly the same number), compared with unconstrained generation in the same rounds.
     *
     * @param tableMs         building the token tables, the first time, in this process
     * @param vocabulary      tokens in the tables
     * @param plainTokensPerSecond unconstrained generation (median)
     * @param text            arrays of free strings: the string tables at work
     * @param structure       arrays of objects with numbers, enums and booleans: the trie walk at work
     */
    public record StructuredReport(
            long tableMs, int vocabulary, double plainTokensPerSecond, Constrained text, Constrained structure) {}

    /** Generation under one schema: tokens/s, mask time per step, and the cost over unconstrained generation. */
    public record Constrained(String schema, double tokensPerSecond, double maskMsPerStep, double costPercent) {}

    static final JsonSchema TEXT =
            JsonSchema.parse("{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":100000}");
    static final JsonSchema STRUCTURE = JsonSchema.parse("{\"type\":\"array\",\"minItems\":100000,\"items\":"
            + "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"id\",\"kind\",\"ok\",\"score\"],"
            + "\"properties\":{\"id\":{\"type\":\"integer\"},\"kind\":{\"enum\":[\"alpha\",\"beta\",\"gamma\"]},"
            + "\"ok\":{\"type\":\"boolean\"},\"score\":{\"type\":\"number\"}}}}");

    public static StructuredReport runStructured(Path dir, Options options, Consumer<String> log) {
        try (JlamaLanguageModel model = JlamaLanguageModel.open(dir)) {
            TokenConstraints tables = model.tokenConstraints();
            long tableMs = tables.buildMillis();
            int vocabulary = tables.vocabularySize();
            log.accept("token tables: " + tableMs + " ms for " + vocabulary + " tokens");
            Prompt prompt = Prompt.of(PROMPT);
            GenerationParams params = GenerationParams.DEFAULTS.withMaxNewTokens(options.newTokens());
            List<Double> plain = new ArrayList<>();
            List<double[]> text = new ArrayList<>();
            List<double[]> structure = new ArrayList<>();
            for (int round = 0; round <= options.rounds(); round++) {
                Completion c = model.generate(prompt, params);
                double[] t = constrained(model, prompt, TEXT, params);
                double[] s = constrained(model, prompt, STRUCTURE, params);
                if (round == 0) {
                    log.accept("warm-up done");
                    continue;
                }
                plain.add(perSecond(c.completionTokens() - 1, c.generationMs()));
                text.add(t);
                structure.add(s);
                log.accept(String.format(
                        "round %d: plain %.2f, free text %.2f, structure %.2f tokens/s",
                        round, plain.get(plain.size() - 1), t[0], s[0]));
            }
            double plainMedian = median(plain);
            return new StructuredReport(
                    tableMs,
                    vocabulary,
                    plainMedian,
                    summary("free text", text, plainMedian),
                    summary("structure", structure, plainMedian));
        }
    }

    /** {tokens/s, mask ms per step} of one constrained generation. */
    private static double[] constrained(
            JlamaLanguageModel model, Prompt prompt, JsonSchema schema, GenerationParams params) {
        double[] maskMs = new double[1];
        StructuredResult r = model.generateJson(
                prompt, schema, params, c -> maskMs[0] = c.maskNanos() / 1e6 / Math.max(1, c.steps()));
        Completion c = r.completion();
        return new double[] {perSecond(c.completionTokens() - 1, c.generationMs()), maskMs[0]};
    }

    private static Constrained summary(String name, List<double[]> rounds, double plainMedian) {
        double rate = median(rounds.stream().map(r -> r[0]).toList());
        double mask = median(rounds.stream().map(r -> r[1]).toList());
        return new Constrained(name, rate, mask, (plainMedian / rate - 1) * 100);
    }

    private ModelBench() {}

    public static Report run(Path dir, Options options, Consumer<String> log) {
        try (JlamaLanguageModel model = JlamaLanguageModel.open(dir)) {
            long loadMs = model.loadMs();
            Prompt prompt = Prompt.of(PROMPT);
            GenerationParams params = GenerationParams.DEFAULTS.withMaxNewTokens(options.newTokens());
            int promptTokens = model.countTokens(prompt);

            List<Double> ours = new ArrayList<>();
            List<Double> jlama = new ArrayList<>();
            List<Double> promptMs = new ArrayList<>();
            List<Double> jlamaPromptMs = new ArrayList<>();
            for (int round = 0; round <= options.rounds(); round++) {
                boolean warmUp = round == 0;
                Completion c = model.generate(prompt, params);
                JlamaLoopRun r = model.generateWithJlamaLoop(prompt, options.newTokens());
                if (warmUp) {
                    log.accept("warm-up done");
                    continue;
                }
                double oursRate = perSecond(c.completionTokens() - 1, c.generationMs());
                double jlamaRate = perSecond(r.generatedTokens(), r.generationMs());
                ours.add(oursRate);
                jlama.add(jlamaRate);
                promptMs.add(c.promptMs() / (double) Math.max(1, c.promptTokens() - c.reusedPromptTokens()));
                jlamaPromptMs.add(r.promptMs() / (double) Math.max(1, r.promptTokens()));
                log.accept(String.format(
                        "round %d: Noesis %.2f tokens/s, Jlama direct %.2f tokens/s", round, oursRate, jlamaRate));
            }
            double oursMedian = median(ours);
            double jlamaMedian = median(jlama);
            return new Report(
                    dir,
                    model.computePath(),
                    JlamaRuntime.threads(),
                    loadMs,
                    promptTokens,
                    median(promptMs),
                    median(jlamaPromptMs),
                    options.newTokens(),
                    oursMedian,
                    jlamaMedian,
                    (jlamaMedian / oursMedian - 1) * 100,
                    peakRss(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
    }

    private static double perSecond(long tokens, long ms) {
        return ms <= 0 ? Double.NaN : tokens * 1000.0 / ms;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The process's peak resident memory (Linux), or -1 where the system does not say. */
    static long peakRss() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
