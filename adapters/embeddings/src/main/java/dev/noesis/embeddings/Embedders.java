package dev.noesis.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.ModelFormatException;
import dev.noesis.core.error.ModelNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens the embedding model a user names: a bundled model by name ({@link BundledModel}), or a
 * local folder holding an ONNX encoder.
 *
 * <p>A local folder needs {@code model.onnx} (or {@code onnx/model.onnx}) and {@code tokenizer.json}.
 * Pooling comes from sentence-transformers' {@code 1_Pooling/config.json} when present (mean
 * otherwise), the token window from {@code sentence_bert_config.json} (512 otherwise); an optional
 * {@code noesis-embedding.properties} may set {@code pooling} (cls|mean), {@code max-tokens} and
 * {@code query-instruction}.
 */
public final class Embedders {

    public static final String LOCAL_SETTINGS = "noesis-embedding.properties";

    private Embedders() {}

    /**
     * Opens {@code model}.
     *
     * @param model     a bundled model's name, or a folder
     * @param cacheRoot where bundled models' files are extracted (for example {@code ~/.noesis/models/embeddings})
     */
    public static DjlEmbedder open(String model, Path cacheRoot, DjlEmbedder.Settings settings) {
        return DjlEmbedder.open(resolve(model, cacheRoot), settings);
    }

    /** The spec for {@code model}, extracting a bundled model's files if needed. */
    public static EmbeddingModelSpec resolve(String model, Path cacheRoot) {
        if (model == null || model.isBlank()) {
            return BundledModelFiles.materialize(BundledModel.DEFAULT, cacheRoot);
        }
        Optional<BundledModel> bundled = BundledModel.byName(model);
        if (bundled.isPresent()) {
            return BundledModelFiles.materialize(bundled.get(), cacheRoot);
        }
        Path dir = Path.of(model).toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
            return local(dir);
        }
        throw new ModelNotFoundException("No embedding model '" + model + "': name one that comes with Noesis ("
                + BundledModel.names() + ") or a folder with model.onnx and tokenizer.json.");
    }

    /** A local ONNX model folder, as described in the class comment. */
    public static EmbeddingModelSpec local(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        Path onnx = dir.resolve("model.onnx");
        if (!Files.isRegularFile(onnx)) {
            onnx = dir.resolve("onnx").resolve("model.onnx");
        }
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(onnx) || !Files.isRegularFile(tokenizer)) {
            throw new ModelFormatException(
                    "The folder " + dir + " is not an ONNX embedding model: it needs model.onnx (or"
                            + " onnx/model.onnx) and tokenizer.json.");
        }
        Pooling pooling = poolingOf(dir);
        int maxTokens = maxTokensOf(dir);
        String instruction = "";
        Path settingsFile = dir.resolve(LOCAL_SETTINGS);
        if (Files.isRegularFile(settingsFile)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(settingsFile)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidInputException("Cannot read " + settingsFile + ": " + e.getMessage(), e);
            }
            String v = p.getProperty("pooling");
            if (v != null) {
                try {
                    pooling = Pooling.valueOf(v.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(settingsFile + ": pooling must be cls or mean, got '" + v + "'.");
                }
            }
            v = p.getProperty("max-tokens");
            if (v != null) {
                try {
                    maxTokens = Integer.parseInt(v.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(
                            settingsFile + ": max-tokens must be a whole number, got '" + v + "'.");
                }
            }
            instruction = p.getProperty("query-instruction", "");
        }
        // Named by its path, so that an index built with it can name it again.
        return new EmbeddingModelSpec(
                dir.toString(), onnx, tokenizer, pooling, instruction, maxTokens, usesDynamicQuantization(onnx));
    }

    /** Whether the graph holds ONNX's DynamicQuantizeLinear operator (operator names are stored as plain text). */
    static boolean usesDynamicQuantization(Path onnx) {
        byte[] needle = "DynamicQuantizeLinear".getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[1 << 20];
        int carried = 0; // bytes kept from the previous read, so that a name split across reads is still found
        try (InputStream in = Files.newInputStream(onnx)) {
            for (int n = in.read(buffer, carried, buffer.length - carried);
                    n >= 0;
                    n = in.read(buffer, carried, buffer.length - carried)) {
                int end = carried + n;
                if (indexOf(buffer, end, needle) >= 0) {
                    return true;
                }
                carried = Math.min(needle.length - 1, end);
                System.arraycopy(buffer, end - carried, buffer, 0, carried);
            }
            return false;
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + onnx + ": " + e.getMessage(), e);
        }
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Pooling poolingOf(Path dir) {
        JsonNode cfg = json(dir.resolve("1_Pooling").resolve("config.json"));
        if (cfg != null && cfg.path("pooling_mode_cls_token").asBoolean(false)) {
            return Pooling.CLS;
        }
        return Pooling.MEAN;
    }

    private static int maxTokensOf(Path dir) {
        JsonNode cfg = json(dir.resolve("sentence_bert_config.json"));
        int n = cfg == null ? 0 : cfg.path("max_seq_length").asInt(0);
        return n > 2 ? n : 512;
    }

    private static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
