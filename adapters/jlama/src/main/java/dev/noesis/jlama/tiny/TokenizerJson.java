package dev.noesis.jlama.tiny;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tokenizer.json} of a Llama-2 style BPE vocabulary with byte fallback, as Jlama and the
 * HuggingFace tokenizers library read it: the special tokens and chat markers as added tokens, the
 * SentencePiece word-start normalizer and decoder, and the vocabulary with its merges. The tiny
 * models' synthetic tokenizer and the lab's learned one both lay their vocabularies out this way.
 */
public final class TokenizerJson {

    /** SentencePiece's word-start marker. */
    public static final String SPACE = "\u2581";

    /** The special tokens, first in every vocabulary: ids 0, 1 and 2. */
    public static final List<String> SPECIALS = List.of("<unk>", "<s>", "</s>");

    /** The chat template's markers, each a token of its own. */
    public static final List<String> CHAT_MARKERS = List.of("<|system|>", "<|user|>", "<|assistant|>", "<|end|>");

    private TokenizerJson() {}

    /**
     * The file's content, as ordered maps: {@code Map.of} iterates in an order that changes from
     * run to run, and the same vocabulary must give byte-identical files.
     *
     * @param vocab  token to id, holding every special token and chat marker
     * @param merges the merges, "a b", in the order they were learned
     */
    public static Map<String, Object> of(Map<String, Integer> vocab, List<String> merges) {
        List<Map<String, Object>> added = new ArrayList<>();
        List<String> specials = new ArrayList<>(SPECIALS);
        specials.addAll(CHAT_MARKERS);
        for (String s : specials) {
            Integer id = vocab.get(s);
            if (id == null) {
                throw new IllegalArgumentException("the vocabulary has no token " + s);
            }
            added.add(ordered(
                    "id", id,
                    "content", s,
                    "single_word", false,
                    "lstrip", false,
                    "rstrip", false,
                    "normalized", false,
                    "special", true));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", added);
        root.put(
                "normalizer",
                ordered(
                        "type",
                        "Sequence",
                        "normalizers",
                        List.of(
                                ordered("type", "Prepend", "prepend", SPACE),
                                ordered("type", "Replace", "pattern", ordered("String", " "), "content", SPACE))));
        root.put("pre_tokenizer", null);
        root.put("post_processor", null);
        root.put(
                "decoder",
                ordered(
                        "type",
                        "Sequence",
                        "decoders",
                        List.of(
                                ordered("type", "Replace", "pattern", ordered("String", SPACE), "content", " "),
                                ordered("type", "ByteFallback"),
                                ordered("type", "Fuse"),
                                ordered("type", "Strip", "content", " ", "start", 1, "stop", 0))));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", "<unk>");
        model.put("continuing_subword_prefix", null);
        model.put("end_of_word_suffix", null);
        model.put("fuse_unk", true);
        model.put("byte_fallback", true);
        model.put("ignore_merges", false);
        model.put("vocab", vocab);
        model.put("merges", merges);
        root.put("model", model);
        return root;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
