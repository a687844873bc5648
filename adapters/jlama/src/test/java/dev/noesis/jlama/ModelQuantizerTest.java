package dev.noesis.jlama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.jlama.testing.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelQuantizerTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(ModelQuantizer.Target.class)
    void writesAQuantizedCopyThatLoadsAndGenerates(ModelQuantizer.Target target) {
        Path source = TinyModels.withSeed(21);
        Path out = ModelQuantizer.quantize(source, tmp.resolve("q-" + target), target);

        ModelFolder folder = ModelFolder.open(out);
        assertThat(folder.dtypes()).contains(target.name()).doesNotContain("I8");
        assertThat(folder.weightBytes()).isLessThan(ModelFolder.open(source).weightBytes());
        assertThat(out.resolve("generation_config.json")).exists();
        assertThat(out.getParent().resolve("." + out.getFileName() + ".partial"))
                .doesNotExist();
        try (JlamaLanguageModel m = JlamaLanguageModel.open(out)) {
            Completion c = m.generate(Prompt.of("Where is the mill?"), GenerationParams.DEFAULTS.withMaxNewTokens(8));
            assertThat(c.completionTokens()).isPositive();
        }
        assertThat(source.resolve("README.md")).exists(); // the source is left as it was
    }

    @Test
    void refusesAnExistingTargetAndAnAlreadyQuantizedSource() {
        Path out = ModelQuantizer.quantize(TinyModels.withSeed(21), tmp.resolve("q4"), ModelQuantizer.Target.Q4);

        assertThatThrownBy(() -> ModelQuantizer.quantize(TinyModels.withSeed(21), out, ModelQuantizer.Target.Q4))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> ModelQuantizer.quantize(out, tmp.resolve("again"), ModelQuantizer.Target.BF16))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already quantized");
        assertThatThrownBy(() -> ModelQuantizer.Target.parse("Q3")).hasMessageContaining("Choose Q4 or BF16");
        assertThatThrownBy(() -> ModelQuantizer.Target.parse("q8")).hasMessageContaining("8-bit");
    }
}
