package dev.noesis.jlama.lora;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.JlamaRuntime;
import dev.noesis.jlama.ModelQuantizer;
import dev.noesis.jlama.testing.PeftAdapters;
import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.TinyModelWriter;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures adapter variants on a model of a real shape (not a test: run by hand, see the LoRA
 * notes): time to build a variant, resident memory for 1, 4 and 10 variants against the base
 * alone, and generation speed of a variant against the base.
 *
 * <p>Arguments: a folder for the model (written with the given shape if absent), the shape, the
 * rank, the number of adapters, the threads.
 */
public final class VariantProbe {

    private VariantProbe() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        ModelShape shape = ModelShape.parse(args.length > 1 ? args[1] : "llama-3.2-1b");
        int rank = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int adapters = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        JlamaRuntime.useThreads(args.length > 4 ? Integer.parseInt(args[4]) : 2);
        boolean q4 = args.length > 5 && args[5].equals("q4");
        if (!Files.exists(dir.resolve("config.json"))) {
            long t = System.nanoTime();
            new TinyModelWriter(shape, 42).write(dir, b -> {});
            print("wrote %s in %.1f s", shape, (System.nanoTime() - t) / 1e9);
        }
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < adapters; i++) {
            Path a = dir.resolveSibling(dir.getFileName() + "-adapter-" + rank + "-" + i);
            if (!Files.exists(a.resolve("adapter_config.json"))) {
                PeftAdapters.write(dir, a, PeftAdapters.Spec.of(rank, 2.0 * rank, 1000 + i, "q_proj", "v_proj"));
            }
            folders.add(a);
        }
        GenerationParams params = GenerationParams.DEFAULTS.withMaxNewTokens(48);
        Prompt prompt = Prompt.of("Tell me about the rivers of Europe.");
        long rss0 = rss();
        Path loaded = dir;
        if (q4) {
            loaded = dir.resolveSibling(dir.getFileName() + "-q4");
            if (!Files.exists(loaded)) {
                long t = System.nanoTime();
                ModelQuantizer.quantize(dir, loaded, ModelQuantizer.Target.Q4);
                print("quantized to Q4 in %.1f s", (System.nanoTime() - t) / 1e9);
            }
        }
        try (JlamaLanguageModel base = JlamaLanguageModel.open(loaded)) {
            Completion warm = base.generate(prompt, params);
            System.gc();
            long rssBase = rss();
            long weights = base.folder().weightBytes();
            print(
                    "base: weights file %s, load %d ms, RSS +%s after a generation (%s)",
                    mb(weights), base.loadMs(), mb(rssBase - rss0), speed(warm));
            List<JlamaLanguageModel> variants = new ArrayList<>();
            long merged = 0;
            for (int i = 0; i < folders.size(); i++) {
                long t = System.nanoTime();
                JlamaLanguageModel v = q4
                        ? LoraVariants.openQuantized(base, dir, folders.get(i), "a" + i, true)
                        : LoraVariants.open(base, folders.get(i), "a" + i, true);
                double ms = (System.nanoTime() - t) / 1e6;
                variants.add(v);
                merged += v.mergedBytes();
                Completion c = v.generate(prompt, GenerationParams.DEFAULTS.withMaxNewTokens(4));
                int n = i + 1;
                if (n == 1 || n == 4 || n == 10 || n == folders.size()) {
                    System.gc();
                    long rss = rss();
                    print(
                            "%2d variants: last built in %.0f ms; merged tensors %s in all (%s each); RSS +%s over"
                                    + " the base (%.2fx the base's RSS); direct buffers %s; heap used %s; variant %s",
                            n,
                            ms,
                            mb(merged),
                            mb(v.mergedBytes()),
                            mb(rss - rssBase),
                            (double) (rss - rss0) / (rssBase - rss0),
                            mb(direct()),
                            mb(heapUsed()),
                            speed(c));
                    print(
                            "    heap committed %s",
                            mb(ManagementFactory.getMemoryMXBean()
                                    .getHeapMemoryUsage()
                                    .getCommitted()));
                }
            }
            // Speed: the base and the first variant, alternating, three times each.
            for (int round = 0; round < 3; round++) {
                print(
                        "base %s | variant %s",
                        speed(base.generate(prompt, params)),
                        speed(variants.get(0).generate(prompt, params)));
            }
            // Switching: the same one-step call on the base only, on one variant only, and rotating
            // through every variant; equal times mean switching costs nothing measurable.
            Prompt shortPrompt = Prompt.of("x");
            for (int round = 0; round < 2; round++) {
                print(
                        "one-step call: base only %.0f ms, one variant only %.0f ms, rotating over %d variants %.0f ms",
                        msPerCall(List.of(base), shortPrompt),
                        msPerCall(List.of(variants.get(0)), shortPrompt),
                        variants.size(),
                        msPerCall(variants, shortPrompt));
            }
            variants.forEach(JlamaLanguageModel::close);
        }
    }

    private static double msPerCall(List<JlamaLanguageModel> models, Prompt prompt) {
        int n = 10;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            models.get(i % models.size()).nextTokenLogits(prompt);
        }
        return (System.nanoTime() - t) / 1e6 / n;
    }

    private static String speed(Completion c) {
        return String.format(
                Locale.ROOT,
                "%d tokens in %d ms = %.2f tok/s",
                c.completionTokens(),
                c.generationMs(),
                c.completionTokens() * 1000.0 / Math.max(1, c.generationMs()));
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long direct() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
