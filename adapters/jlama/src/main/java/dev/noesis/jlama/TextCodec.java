package dev.noesis.jlama;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.error.ModelFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Text to token ids and back, for a model's {@code tokenizer.json}.
 *
 * <p>Jlama's own tokenizer keeps a shared byte buffer while decoding (the same ids can decode to
 * different text, and "für" comes out as "fr") and drops characters above U+00FF in byte-level
 * vocabularies. Noesis therefore encodes and decodes with the HuggingFace tokenizers library
 * (through DJL), which implements every {@code tokenizer.json} format exactly; Jlama only runs
 * the network.
 *
 * <p>Special tokens ({@code <s>}, {@code <|end|>}, {@code <|eot_id|>} …) are read as such only
 * in text Noesis trusts, the chat template's; a prompt's message contents are encoded with
 * special-token parsing off ({@link #encodePrompt}).
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

    /** One special token of the vocabulary, with the whitespace it takes in on either side. */
    private record Special(String text, int id, boolean lstrip, boolean rstrip) {}

    private final HuggingFaceTokenizer tokenizer;
    /** The same tokenizer with its special tokens taken out: they are read as the characters they are. */
    private final HuggingFaceTokenizer textOnly;
    /** Longest first, so that the longest special token at a position is the one matched. */
    private final List<Special> specials;

    private TextCodec(HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer textOnly, List<Special> specials) {
        this.tokenizer = tokenizer;
        this.textOnly = textOnly;
        this.specials = specials;
    }

    static TextCodec load(Path modelDir) {
        Path file = modelDir.resolve(ModelFolder.TOKENIZER);
        HuggingFaceTokenizer full = null;
        try {
            // No truncation or padding (the library's defaults cut at 512 tokens), and no special
            // tokens added: the chat template and the BOS rule decide those.
            full = HuggingFaceTokenizer.newInstance(file, OPTIONS);
            ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
            List<Special> specials = new ArrayList<>();
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode added : json.path("added_tokens")) {
                if (added.path("special").asBoolean(false)
                        && !added.path("content").asText().isEmpty()) {
                    specials.add(new Special(
                            added.path("content").asText(),
                            added.path("id").asInt(),
                            added.path("lstrip").asBoolean(false),
                            added.path("rstrip").asBoolean(false)));
                } else {
                    kept.add(added);
                }
            }
            if (specials.isEmpty()) {
                return new TextCodec(full, full, List.of());
            }
            json.set("added_tokens", kept);
            HuggingFaceTokenizer textOnly =
                    HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(JSON.writeValueAsBytes(json)), OPTIONS);
            specials.sort(
                    Comparator.comparingInt((Special sp) -> sp.text().length()).reversed());
            return new TextCodec(full, textOnly, List.copyOf(specials));
        } catch (IOException | RuntimeException e) {
            if (full != null) {
                full.close();
            }
            throw new ModelFormatException("The tokenizer " + file + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Token ids of {@code text}, special-token strings in it read as special tokens: for trusted text only. */
    int[] encode(String text) {
        return ids(tokenizer, text);
    }

    /** Token ids of {@code text} as plain text: a special-token string in it is encoded as its characters. */
    int[] encodeText(String text) {
        return ids(textOnly, text);
    }

    /**
     * Token ids of a rendered prompt. Special tokens are taken only from the template's text; the
     * message contents are text, whatever they hold. Between two special tokens the text
     * (template and contents together) is encoded in one piece, as the tokenizer itself splits
     * a text at its special tokens and encodes the pieces between them.
     */
    int[] encodePrompt(ChatFormat.Rendered prompt) {
        String text = prompt.text();
        List<ChatFormat.Span> contents = prompt.contents();
        List<int[]> pieces = new ArrayList<>();
        int pieceStart = 0;
        int pos = 0;
        int next = 0; // the next content span not yet passed
        while (pos < text.length()) {
            if (next < contents.size() && pos >= contents.get(next).start()) {
                pos = Math.max(pos, contents.get(next).end());
                next++;
                continue;
            }
            int templateEnd = next < contents.size() ? contents.get(next).start() : text.length();
            Special special = specialAt(text, pos, templateEnd);
            if (special == null) {
                pos++;
                continue;
            }
            int before = pos;
            if (special.lstrip()) {
                while (before > pieceStart && Character.isWhitespace(text.charAt(before - 1))) {
                    before--;
                }
            }
            pieces.add(encodeText(text.substring(pieceStart, before)));
            pieces.add(new int[] {special.id()});
            pos += special.text().length();
            if (special.rstrip()) {
                while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                    pos++;
                }
            }
            pieceStart = pos;
        }
        pieces.add(encodeText(text.substring(pieceStart)));
        int[] ids = new int[pieces.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (int[] p : pieces) {
            System.arraycopy(p, 0, ids, at, p.length);
            at += p.length;
        }
        return ids;
    }

    /** The longest special token that starts at {@code pos} and ends by {@code limit}, or null. */
    private Special specialAt(String text, int pos, int limit) {
        for (Special s : specials) {
            if (pos + s.text().length() <= limit && text.startsWith(s.text(), pos)) {
                return s;
            }
        }
        return null;
    }

    private static int[] ids(HuggingFaceTokenizer t, String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        long[] ids = t.encode(text, false, false).getIds();
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
        if (textOnly != tokenizer) {
            textOnly.close();
        }
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
