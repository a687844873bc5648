package dev.noesis.jlama;

import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.SafeTensorSupport;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a quantized copy of a model to disk, which Jlama then loads like any other model.
 *
 * <p>This is the only way Noesis quantizes: Jlama 0.8.4's quantize-while-loading path crashes
 * ({@code UnsupportedOperationException: I8 BF16}). Jlama's own {@code quantizeModel} does the
 * work; around it this class works from a staging view of the source (Jlama insists on a
 * README.md there), copies what Jlama leaves out ({@code generation_config.json}), and moves the
 * result into place only when it is complete.
 */
public final class ModelQuantizer {

    /**
     * The formats Jlama can both write and compute with: 4-bit blocks (Q4), and bfloat16, which
     * halves a float32 model. Jlama 0.8.4 can write 8-bit (I8) weights but has no kernels to
     * multiply by them, in its native or its Vector API path, so Q8 is refused rather than
     * written as a model that fails on its first token.
     */
    public enum Target {
        Q4(DType.Q4),
        BF16(DType.BF16);

        final DType dtype;

        Target(DType dtype) {
            this.dtype = dtype;
        }

        public static Target parse(String text) {
            String wanted = text.toUpperCase(Locale.ROOT);
            if (wanted.equals("Q8") || wanted.equals("I8")) {
                throw new InvalidInputException(
                        "Jlama 0.8.4 cannot compute with 8-bit weights (it has no kernels for"
                                + " them), so a Q8 copy would not run. Choose Q4 (4-bit), or BF16 (16-bit) for a copy closer to the original.");
            }
            try {
                return valueOf(wanted);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Unknown quantization '" + text + "'. Choose Q4 or BF16.");
            }
        }
    }

    /** Layer norms stay in full precision, as in Jlama's own quantized models. */
    private static final String[] KEEP_PRECISE = {"norm"};

    private ModelQuantizer() {}

    public static Path quantize(Path source, Path target, Target type) {
        ModelFolder folder = ModelFolder.open(source);
        Path out = target.toAbsolutePath().normalize();
        if (Files.exists(out)) {
            throw new InvalidInputException(out + " already exists; choose a new folder for the quantized model.");
        }
        if (folder.dtypes().stream().anyMatch(t -> t.equals("Q4") || t.equals("I8"))
                || (type == Target.BF16 && !folder.dtypes().contains("F32"))) {
            throw new InvalidInputException(
                    "The model in " + source + " is already quantized or stored at that precision ("
                            + String.join(", ", folder.dtypes()) + "); quantize its original instead.");
        }
        Path view = null;
        Path staging = null;
        try {
            Files.createDirectories(out.getParent());
            view = Files.createTempDirectory("noesis-quantize-src");
            try (Stream<Path> files = Files.list(folder.dir())) {
                for (Path f : files.toList()) {
                    Files.createSymbolicLink(view.resolve(f.getFileName()), f.toAbsolutePath());
                }
            }
            if (!Files.exists(view.resolve("README.md"))) {
                Files.writeString(view.resolve("README.md"), "# " + folder.dir().getFileName() + "\n");
            }
            staging = out.resolveSibling("." + out.getFileName() + ".partial");
            JlamaRuntime.deleteTree(staging);
            SafeTensorSupport.quantizeModel(view, type.dtype, KEEP_PRECISE, null, Optional.of(staging));
            Path generation = folder.dir().resolve("generation_config.json");
            if (Files.exists(generation)) {
                Files.copy(generation, staging.resolve("generation_config.json"));
            }
            try {
                Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, out);
            }
            staging = null;
            ModelFolder.open(out); // what was written must load
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new NoesisException("Quantizing " + source + " to " + type + " failed: " + e.getMessage(), e);
        } finally {
            if (view != null) {
                JlamaRuntime.deleteTree(view);
            }
            if (staging != null) {
                JlamaRuntime.deleteTree(staging);
            }
        }
    }
}
