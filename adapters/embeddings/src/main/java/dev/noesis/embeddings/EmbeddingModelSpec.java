package dev.noesis.embeddings;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An embedding model ready to load: its ONNX graph and HuggingFace tokenizer on disk, and how
 * its outputs become sentence vectors.
 *
 * @param name             what traces, the index and error messages call it
 * @param onnx             the ONNX model file (a BERT-style encoder: input_ids, attention_mask,
 *                         optionally token_type_ids in; per-token hidden states out)
 * @param tokenizer        its {@code tokenizer.json}
 * @param pooling          how token vectors become one vector
 * @param queryInstruction put before every query (BGE's retrieval instruction), or empty
 * @param maxTokens        texts are cut to this many tokens, special tokens included
 * @param dynamicQuantization the model quantizes activations at run time with one scale per
 *                         tensor (ONNX {@code DynamicQuantizeLinear}): a text's vector would then
 *                         depend on the other texts padded into its batch, so each text runs alone
 */
public record EmbeddingModelSpec(
        String name,
        Path onnx,
        Path tokenizer,
        Pooling pooling,
        String queryInstruction,
        int maxTokens,
        boolean dynamicQuantization) {

    public EmbeddingModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(pooling, "pooling");
        queryInstruction = queryInstruction == null ? "" : queryInstruction;
        if (maxTokens < 3) {
            throw new IllegalArgumentException(
                    "maxTokens must leave room for text between the special tokens, got " + maxTokens);
        }
    }
}
