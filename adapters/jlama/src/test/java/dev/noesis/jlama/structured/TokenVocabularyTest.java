package dev.noesis.jlama.structured;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.jlama.ModelFolder;
import dev.noesis.jlama.testing.TinyModels;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes each token writes agree with the HuggingFace tokenizers library's decoding. */
class TokenVocabularyTest {

    @TempDir
    Path tmp;

    @Test
    void sentencePieceTokensMatchTheTokenizersDecoding() throws Exception {
        Path dir = TinyModels.standard();
        int vocabSize = ModelFolder.open(dir).intConfig("vocab_size", 0);
        TokenVocabulary v = TokenVocabulary.read(dir.resolve("tokenizer.json"), vocabSize, List.of(2));
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"), Map.of())) {
            long a = hf.encode("a", false, false).getIds()[0];
            int checked = 0;
            for (int id = 0; id < vocabSize; id++) {
                if (v.bytes[id] == null) {
                    continue;
                }
                String ours = utf8(v.bytes[id]);
                if (ours == null) {
                    assertThat(v.bytes[id]).hasSize(1); // a lone byte of a byte-fallback token
                    continue;
                }
                // A leading token keeps the decoder from stripping this token's leading space.
                String theirs = hf.decode(new long[] {a, id}, false);
                assertThat(theirs).as("token %d", id).isEqualTo(hf.decode(new long[] {a}, false) + ours);
                checked++;
            }
            assertThat(checked).isGreaterThan(700);
        }
        assertThat(v.bytes[2]).isNull(); // </s> writes nothing
    }

    @Test
    void byteLevelTokensMatchTheTokenizersDecoding() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putArray("added_tokens")
                .addObject()
                .put("id", 0)
                .put("content", "<|end|>")
                .put("special", true)
                .put("single_word", false)
                .put("lstrip", false)
                .put("rstrip", false)
                .put("normalized", false);
        root.putObject("pre_tokenizer")
                .put("type", "ByteLevel")
                .put("add_prefix_space", false)
                .put("trim_offsets", true)
                .put("use_regex", true);
        root.putObject("decoder")
                .put("type", "ByteLevel")
                .put("add_prefix_space", true)
                .put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        ObjectNode vocab = model.putObject("vocab");
        vocab.put("<|end|>", 0);
        // GPT-2's table: byte 0x20 is Ġ, 0x0A is Ċ; "ü" is C3 BC (Ã¼); "日" is E6 97 A5 (æĹ¥).
        String[] tokens = {"a", "Ġ", "Ġhello", "Ã¼", "æĹ¥", "Ċ", "\"", "æ", "Ĺ", "¥", "Ã", "¼", "h", "e", "l", "o"};
        for (int i = 0; i < tokens.length; i++) {
            vocab.put(tokens[i], i + 1);
        }
        ArrayNode merges = model.putArray("merges");
        merges.add("Ã ¼");
        Path file = tmp.resolve("tokenizer.json");
        json.writeValue(file.toFile(), root);

        TokenVocabulary v = TokenVocabulary.read(file, tokens.length + 1, List.of(0));

        assertThat(new String(v.bytes[3], StandardCharsets.UTF_8)).isEqualTo(" hello");
        assertThat(new String(v.bytes[4], StandardCharsets.UTF_8)).isEqualTo("ü");
        assertThat(new String(v.bytes[5], StandardCharsets.UTF_8)).isEqualTo("日");
        assertThat(v.bytes[6]).containsExactly('\n');
        assertThat(v.bytes[8]).containsExactly((byte) 0xE6);
        assertThat(v.bytes[0]).isNull();
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file, Map.of())) {
            for (int id = 1; id <= tokens.length; id++) {
                String ours = utf8(v.bytes[id]);
                if (ours != null) {
                    assertThat(hf.decode(new long[] {1, id}, false))
                            .as(tokens[id - 1])
                            .isEqualTo("a" + ours);
                }
            }
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
