package dev.noesis.jlama;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.noesis.core.error.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Text to token ids and back, for a model's {@code tokenizer.json}.
 *
 * <p>Jlama's own tokenizer keeps a shared byte buffer while decoding (the same ids can decode to
 * different text, and "für" comes out as "fr") and drops characters above U+00FF in byte-level
 * vocabularies. Noesis therefore encodes and decodes with the HuggingFace tokenizers library
 * (through DJL), which implements every {@code tokenizer.json} format exactly; Jlama only runs
 * the network.
 */
final class TextCodec implements AutoCloseable {

    static {
        // DJL reports usage from EC2 machines unless told not to; Noesis never phones home.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private final HuggingFaceTokenizer tokenizer;

    private TextCodec(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    static TextCodec load(Path modelDir) {
        Path file = modelDir.resolve(ModelFolder.TOKENIZER);
        try {
            // No truncation or padding (the library's defaults cut at 512 tokens), and no special
            // tokens added: the chat template and the BOS rule decide those.
            return new TextCodec(HuggingFaceTokenizer.newInstance(file, Map.of(
                    "addSpecialTokens", "false", "truncation", "false", "padding", "false")));
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException("The tokenizer " + file + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** Decodes {@code ids[from..to)}, leaving out special tokens. */
    String decode(int[] ids, int from, int to) {
        if (from >= to) {
            return "";
        }
        long[] slice = new long[to - from];
        for (int i = from; i < to; i++) {
            slice[i - from] = ids[i];
        }
        return tokenizer.decode(slice, true);
    }

    String decode(int[] ids) {
        return decode(ids, 0, ids.length);
    }

    StreamDecoder streamDecoder() {
        return new StreamDecoder(this);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /**
     * Turns generated ids into text one token at a time. A token can end in the middle of a
     * character (byte-fallback tokens carry single UTF-8 bytes), and decoders merge spaces
     * across tokens, so each new piece is found by decoding a short window of recent tokens with
     * and without the newest ones, and held back while it ends in an incomplete character.
     */
    static final class StreamDecoder {
        private static final char REPLACEMENT = '\uFFFD';

        private final TextCodec codec;
        private int[] ids = new int[64];
        private int size;
        private int prefixOffset;
        private int readOffset;

        private StreamDecoder(TextCodec codec) {
            this.codec = codec;
        }

        /** Adds a token; returns the text it completes (possibly empty). */
        String push(int id) {
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
            String prefix = codec.decode(ids, prefixOffset, readOffset);
            String full = codec.decode(ids, prefixOffset, size);
            if (full.length() > prefix.length() && full.charAt(full.length() - 1) != REPLACEMENT) {
                prefixOffset = readOffset;
                readOffset = size;
                return full.substring(prefix.length());
            }
            return "";
        }

        /** The text still held back at the end of generation (an incomplete character shows as U+FFFD). */
        String flush() {
            String prefix = codec.decode(ids, prefixOffset, readOffset);
            String full = codec.decode(ids, prefixOffset, size);
            prefixOffset = readOffset = size;
            return full.length() > prefix.length() ? full.substring(prefix.length()) : "";
        }
    }
}
