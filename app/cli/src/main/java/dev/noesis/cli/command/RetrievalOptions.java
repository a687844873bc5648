package dev.noesis.cli.command;

import dev.noesis.cli.terminal.ConfigFlags;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the index is and which embedding model fills it; shared by the retrieval commands. Each flag sets its configuration key. */
public final class RetrievalOptions implements ConfigFlags {

    @Option(
            names = "--index",
            paramLabel = "DIR",
            description = "The index folder. Default: noesis.index.dir, else ~/.noesis/index.")
    Path index;

    @Option(
            names = "--embedding-model",
            paramLabel = "NAME|DIR",
            description = {
                "The embedding model: bge-small-en-v1.5-q (default), bge-small-en-v1.5, all-minilm-l6-v2-q (fast),"
                        + " all-minilm-l6-v2, or a folder with model.onnx and tokenizer.json. Default: noesis.embeddings.model.",
                "An index remembers its model; search it with the same one."
            })
    String embeddingModel;

    @Option(
            names = "--embedding-threads",
            paramLabel = "N",
            description =
                    "Threads for the embedding model. Default: noesis.embeddings.threads, else all cores (at most 8).")
    Integer embeddingThreads;

    @Override
    public void addTo(Map<String, String> keys) {
        if (index != null) {
            keys.put("noesis.index.dir", index.toAbsolutePath().normalize().toString());
        }
        if (embeddingModel != null) {
            keys.put("noesis.embeddings.model", embeddingModel);
        }
        if (embeddingThreads != null) {
            keys.put("noesis.embeddings.threads", embeddingThreads.toString());
        }
    }
}
