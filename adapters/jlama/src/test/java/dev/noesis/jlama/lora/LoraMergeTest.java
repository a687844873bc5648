package dev.noesis.jlama.lora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.ModelQuantizer;
import dev.noesis.jlama.testing.PeftAdapters;
import dev.noesis.jlama.testing.TinyModels;
import dev.noesis.jlama.tiny.ModelShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merged variant through the real Jlama load path, against a model folder merged by the
 * test's own arithmetic and loaded from disk.
 */
class LoraMergeTest {

    private static final List<Prompt> PROMPTS =
            List.of(Prompt.of("What grows in spring?"), Prompt.of("Name a river and a mountain."));

    @TempDir
    Path tmp;

    @Test
    void theMergedVariantHasTheLogitsOfAModelMergedIndependently() throws IOException {
        Path base = TinyModels.standard();
        PeftAdapters.Spec spec = PeftAdapters.Spec.of(4, 8, 101, "q_proj", "v_proj", "down_proj");
        Path adapter = PeftAdapters.write(base, tmp.resolve("adapter"), spec);
        Path reference = ReferenceMerge.write(
                base, adapter, spec.alpha() / spec.rank(), ModelShape.WeightType.F32, tmp.resolve("merged"));

        try (JlamaLanguageModel model = JlamaLanguageModel.open(base);
                JlamaLanguageModel variant = LoraVariants.open(model, adapter, "a", false);
                JlamaLanguageModel merged = JlamaLanguageModel.open(reference)) {
            for (Prompt p : PROMPTS) {
                float[] expected = merged.nextTokenLogits(p);
                assertThat(maxDifference(variant.nextTokenLogits(p), expected)).isLessThan(1e-4);
                // The adapter changes the model: the comparison is not between two copies of the base.
                assertThat(maxDifference(model.nextTokenLogits(p), expected)).isGreaterThan(1e-2);
            }
            GenerationParams greedy = GenerationParams.DEFAULTS.withMaxNewTokens(16);
            assertThat(variant.generate(PROMPTS.get(0), greedy).text())
                    .isEqualTo(merged.generate(PROMPTS.get(0), greedy).text());
            assertThat(variant.name()).endsWith("@a");
            assertThat(variant.adapter()).contains("a");
        }
    }

    @Test
    void rsLoraScalesByAlphaOverTheSquareRootOfTheRank() throws IOException {
        Path base = TinyModels.standard();
        PeftAdapters.Spec spec =
                PeftAdapters.Spec.of(4, 8, 102, "k_proj", "up_proj").withRsLora();
        Path adapter = PeftAdapters.write(base, tmp.resolve("adapter"), spec);
        Path reference = ReferenceMerge.write(
                base, adapter, spec.alpha() / Math.sqrt(spec.rank()), ModelShape.WeightType.F32, tmp.resolve("m"));

        try (JlamaLanguageModel model = JlamaLanguageModel.open(base);
                JlamaLanguageModel variant = LoraVariants.open(model, adapter, "rs", false);
                JlamaLanguageModel merged = JlamaLanguageModel.open(reference)) {
            Prompt p = PROMPTS.get(1);
            assertThat(maxDifference(variant.nextTokenLogits(p), merged.nextTokenLogits(p)))
                    .isLessThan(1e-4);
        }
    }

    @Test
    void theBaseIsUnchangedByVariantsBuiltBesideItAndVariantsDoNotMix() throws IOException {
        Path base = TinyModels.withSeed(21);
        Path a = PeftAdapters.write(base, tmp.resolve("a"), PeftAdapters.Spec.of(4, 8, 1, "q_proj", "v_proj"));
        Path b = PeftAdapters.write(base, tmp.resolve("b"), PeftAdapters.Spec.of(2, 16, 2, "o_proj", "gate_proj"));
        Prompt p = PROMPTS.get(0);
        try (JlamaLanguageModel model = JlamaLanguageModel.open(base)) {
            float[] before = model.nextTokenLogits(p);
            float[] first;
            try (JlamaLanguageModel va = LoraVariants.open(model, a, "a", false);
                    JlamaLanguageModel vb = LoraVariants.open(model, b, "b", false)) {
                first = va.nextTokenLogits(p);
                assertThat(maxDifference(first, vb.nextTokenLogits(p))).isGreaterThan(1e-2);
                assertThat(model.nextTokenLogits(p)).containsExactly(before);
                // Switching back and forth between variants gives each one's own output every time.
                assertThat(va.nextTokenLogits(p)).containsExactly(first);
                assertThat(va.mergedBytes()).isEqualTo(2L * 2 * (64 * 64 + 32 * 64) * 4 / 2);
            }
            assertThat(model.nextTokenLogits(p)).containsExactly(before);
            try (JlamaLanguageModel again = LoraVariants.open(model, a, "a", false)) {
                assertThat(again.nextTokenLogits(p)).containsExactly(first);
            }
        }
    }

    @Test
    void aBf16BaseTakesTheMergeInItsOwnPrecision() throws IOException {
        Path f32 = TinyModels.standard();
        // The same model stored as BF16, written by the test from the F32 weights.
        Path base = ReferenceMerge.write(
                f32,
                PeftAdapters.write(f32, tmp.resolve("none"), PeftAdapters.Spec.of(1, 1, 0, "absent")),
                0,
                ModelShape.WeightType.BF16,
                tmp.resolve("bf16"));
        PeftAdapters.Spec spec = PeftAdapters.Spec.of(8, 16, 103, "q_proj", "v_proj");
        Path adapter = PeftAdapters.write(base, tmp.resolve("adapter"), spec);
        Path reference = ReferenceMerge.write(
                base, adapter, spec.alpha() / spec.rank(), ModelShape.WeightType.BF16, tmp.resolve("merged"));

        try (JlamaLanguageModel model = JlamaLanguageModel.open(base);
                JlamaLanguageModel variant = LoraVariants.open(model, adapter, "a", false);
                JlamaLanguageModel merged = JlamaLanguageModel.open(reference)) {
            Prompt p = PROMPTS.get(0);
            float[] expected = merged.nextTokenLogits(p);
            assertThat(maxDifference(variant.nextTokenLogits(p), expected)).isLessThan(1e-3);
            assertThat(maxDifference(model.nextTokenLogits(p), expected)).isGreaterThan(1e-2);
            assertThat(variant.mergedBytes()).isEqualTo(2L * 2 * (64 * 64 + 32 * 64));
        }
    }

    @Test
    void aQ4CopyTakesTheAdapterAsAQ4CopyOfTheMergedModelWouldHoldIt() throws IOException {
        Path base = TinyModels.standard();
        Path q4 = ModelQuantizer.quantize(base, tmp.resolve("q4"), ModelQuantizer.Target.Q4);
        PeftAdapters.Spec spec = PeftAdapters.Spec.of(4, 8, 104, "q_proj", "v_proj", "up_proj");
        Path adapter = PeftAdapters.write(base, tmp.resolve("adapter"), spec);
        Path merged = ReferenceMerge.write(
                base, adapter, spec.alpha() / spec.rank(), ModelShape.WeightType.F32, tmp.resolve("merged"));
        Path mergedQ4 = ModelQuantizer.quantize(merged, tmp.resolve("merged-q4"), ModelQuantizer.Target.Q4);

        try (JlamaLanguageModel quantized = JlamaLanguageModel.open(q4);
                JlamaLanguageModel variant = LoraVariants.openQuantized(quantized, base, adapter, "a", false);
                JlamaLanguageModel reference = JlamaLanguageModel.open(mergedQ4)) {
            for (Prompt p : PROMPTS) {
                float[] expected = reference.nextTokenLogits(p);
                assertThat(maxDifference(variant.nextTokenLogits(p), expected)).isLessThan(1e-4);
                assertThat(maxDifference(quantized.nextTokenLogits(p), expected))
                        .isGreaterThan(1e-2);
            }
            // Q4 blocks of 32 values: half a byte each, plus one float scale per block.
            long elements = 2L * (64 * 64 + 32 * 64 + 192 * 64);
            assertThat(variant.mergedBytes()).isEqualTo(elements / 2 + elements / 32 * 4);
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
