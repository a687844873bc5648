package dev.noesis.jlama.structured;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each token of a vocabulary writes, as raw bytes, decoded once from {@code tokenizer.json}.
 * Decoding a token on its own with a tokenizer gives text, which cannot show a token that holds
 * half a UTF-8 character (byte-fallback tokens {@code <0xE6>}, or byte-level ones); the constrained
 * decoder needs the exact bytes. Two families are read: SentencePiece-style vocabularies
 * ({@code ▁} for a space, {@code <0xNN>} byte fallback; Llama 2, Mistral, the tiny models) and
 * byte-level ones (GPT-2's byte-to-character table; Llama 3, Qwen). Special tokens write nothing
 * and are never allowed, except end-of-sequence when the document may end.
 */
final class TokenVocabulary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPACE_MARK = "\u2581";

    /** Bytes of each token id; null for special and unused ids. */
    final byte[][] bytes;

    final int[] endOfSequence;

    private TokenVocabulary(byte[][] bytes, int[] endOfSequence) {
        this.bytes = bytes;
        this.endOfSequence = endOfSequence;
    }

    int size() {
        return bytes.length;
    }

    static TokenVocabulary read(Path tokenizerJson, int vocabSize, List<Integer> eos) {
        Parsed p;
        try {
            p = parse(tokenizerJson, vocabSize);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + tokenizerJson + ": " + e.getMessage(), e);
        }
        if (!p.sawVocab) {
            throw new ModelFormatException(tokenizerJson + " has no model.vocab object; structured output needs a BPE"
                    + " vocabulary (as every Llama-family tokenizer.json has).");
        }
        boolean byteLevel = mentionsByteLevel(p.decoder) || mentionsByteLevel(p.preTokenizer);
        Map<Integer, Byte> unicodeToByte = byteLevel ? gpt2ByteDecoder() : Map.of();
        Set<Integer> special = new java.util.HashSet<>();
        for (JsonNode t : p.addedTokens) {
            if (t.path("special").asBoolean(false)) {
                special.add(t.path("id").asInt());
            }
        }
        byte[][] bytes = new byte[vocabSize][];
        for (int id = 0; id < vocabSize; id++) {
            String token = p.tokens[id];
            if (token != null && !special.contains(id)) {
                bytes[id] = byteLevel ? fromByteLevel(token, unicodeToByte) : fromSentencePiece(token, p.byteFallback);
            }
        }
        for (JsonNode t : p.addedTokens) {
            int id = t.path("id").asInt();
            if (!t.path("special").asBoolean(false) && id >= 0 && id < vocabSize) {
                bytes[id] = t.path("content").asText().getBytes(StandardCharsets.UTF_8);
            }
        }
        for (int id : eos) {
            if (id >= 0 && id < vocabSize) {
                bytes[id] = null;
            }
        }
        for (int i = 0; i < vocabSize; i++) {
            if (bytes[i] != null && bytes[i].length == 0) {
                bytes[i] = null;
            }
        }
        return new TokenVocabulary(
                bytes, eos.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The parts of tokenizer.json this class needs. */
    private static final class Parsed {
        String[] tokens;
        boolean sawVocab;
        boolean byteFallback;
        JsonNode addedTokens = JSON.createArrayNode();
        JsonNode decoder = JSON.missingNode();
        JsonNode preTokenizer = JSON.missingNode();
    }

    /**
     * Reads tokenizer.json as a stream, skipping the merges: a 128k vocabulary comes with as many
     * merges, and building a tree of the whole file would take most of the tables' build time.
     */
    private static Parsed parse(Path file, int vocabSize) throws IOException {
        Parsed p = new Parsed();
        p.tokens = new String[vocabSize];
        try (JsonParser in = JSON.getFactory().createParser(file.toFile())) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                in.nextToken();
                switch (field) {
                    case "added_tokens" -> p.addedTokens = in.readValueAsTree();
                    case "decoder" -> p.decoder = in.readValueAsTree();
                    case "pre_tokenizer" -> p.preTokenizer = in.readValueAsTree();
                    case "model" -> readModel(in, p);
                    default -> in.skipChildren();
                }
            }
        }
        if (p.addedTokens == null) {
            p.addedTokens = JSON.createArrayNode();
        }
        return p;
    }

    private static void readModel(JsonParser in, Parsed p) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            in.skipChildren();
            return;
        }
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            if (field.equals("vocab") && value == JsonToken.START_OBJECT) {
                p.sawVocab = true;
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String token = in.currentName();
                    in.nextToken();
                    int id = in.getIntValue();
                    if (id >= 0 && id < p.tokens.length) {
                        p.tokens[id] = token;
                    }
                }
            } else if (field.equals("byte_fallback")) {
                p.byteFallback = value == JsonToken.VALUE_TRUE;
            } else {
                in.skipChildren();
            }
        }
    }

    private static byte[] fromSentencePiece(String token, boolean byteFallback) {
        if (byteFallback && token.length() == 6 && token.startsWith("<0x") && token.endsWith(">")) {
            return new byte[] {(byte) Integer.parseInt(token.substring(3, 5), 16)};
        }
        return token.replace(SPACE_MARK, " ").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fromByteLevel(String token, Map<Integer, Byte> unicodeToByte) {
        byte[] out = new byte[token.length()];
        int n = 0;
        for (int i = 0; i < token.length(); ) {
            int cp = token.codePointAt(i);
            Byte b = unicodeToByte.get(cp);
            if (b == null) {
                return token.getBytes(StandardCharsets.UTF_8); // not a byte-level token (an added word)
            }
            out[n++] = b;
            i += Character.charCount(cp);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** GPT-2's table: printable Latin-1 bytes stand for themselves, the others for U+0100 onwards. */
    private static Map<Integer, Byte> gpt2ByteDecoder() {
        Map<Integer, Byte> map = new HashMap<>();
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map.put(printable ? b : 256 + extra++, (byte) b);
        }
        return map;
    }

    private static boolean mentionsByteLevel(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if ("ByteLevel".equals(node.path("type").asText())) {
            return true;
        }
        for (String list : new String[] {"decoders", "pretokenizers"}) {
            for (JsonNode child : node.path(list)) {
                if (mentionsByteLevel(child)) {
                    return true;
                }
            }
        }
        return false;
    }
}
