package dev.noesis.jlama;

import com.github.tjake.jlama.model.functions.Generator;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
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

    private ModelBench() {}

    public static Report run(Path dir, Options options, Consumer<String> log) {
        try (JlamaLanguageModel model = JlamaLanguageModel.open(dir)) {
            LoadedModel loaded = model.loaded();
            long loadMs = loaded.loadMs;
            Prompt prompt = Prompt.of(PROMPT);
            String rendered = new ChatFormat(loaded.model.promptSupport()).render(prompt);
            GenerationParams params = GenerationParams.DEFAULTS.withMaxNewTokens(options.newTokens());
            int promptTokens = loaded.encodePrompt(prompt).length;

            List<Double> ours = new ArrayList<>();
            List<Double> jlama = new ArrayList<>();
            List<Double> promptMs = new ArrayList<>();
            List<Double> jlamaPromptMs = new ArrayList<>();
            for (int round = 0; round <= options.rounds(); round++) {
                boolean warmUp = round == 0;
                Completion c = model.generate(prompt, params);
                Generator.Response r = loaded.model.generate(
                        UUID.randomUUID(), PromptContext.of(rendered), 0f, promptTokens + options.newTokens(), (t, f) -> {});
                if (warmUp) {
                    log.accept("warm-up done");
                    continue;
                }
                double oursRate = perSecond(c.completionTokens() - 1, c.generationMs());
                double jlamaRate = perSecond(r.generatedTokens, r.generateTimeMs);
                ours.add(oursRate);
                jlama.add(jlamaRate);
                promptMs.add(c.promptMs() / (double) Math.max(1, c.promptTokens() - c.reusedPromptTokens()));
                jlamaPromptMs.add(r.promptTimeMs / (double) Math.max(1, r.promptTokens));
                log.accept(String.format("round %d: Noesis %.2f tokens/s, Jlama direct %.2f tokens/s", round, oursRate, jlamaRate));
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
