package dev.noesis.embeddings;

import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.ModelFormatException;
import dev.noesis.core.error.ModelNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Puts a bundled model's files on disk, where ONNX Runtime and the tokenizer can read them: once
 * per cache folder, checked against the pinned SHA-256 while they are copied out of their jar.
 * Later opens trust a file whose size matches and whose hash was recorded beside it, so the
 * 34-133 MB are hashed only once.
 */
public final class BundledModelFiles {

    static final String MODEL_FILE = "model.onnx";
    static final String TOKENIZER_FILE = "tokenizer.json";

    private BundledModelFiles() {}

    /**
     * The model's spec, with its files in {@code cacheRoot/<model name>/}, extracting them first if needed.
     *
     * @throws ModelNotFoundException when the carrier jar is not on the class path
     * @throws ModelFormatException   when a file in the jar is not the pinned one
     */
    public static EmbeddingModelSpec materialize(BundledModel model, Path cacheRoot) {
        Path dir = cacheRoot.resolve(model.modelName());
        Path onnx = dir.resolve(MODEL_FILE);
        Path tokenizer = dir.resolve(TOKENIZER_FILE);
        try {
            Files.createDirectories(dir);
            ensure(model, model.onnx(), onnx);
            ensure(model, model.tokenizer(), tokenizer);
        } catch (IOException e) {
            throw new BackendException(
                    "Cannot write the embedding model " + model.modelName() + " into " + dir + ": " + e.getMessage()
                            + ". Check that the folder is writable, or point noesis.home elsewhere.",
                    e);
        }
        return new EmbeddingModelSpec(
                model.modelName(),
                onnx,
                tokenizer,
                model.pooling(),
                model.queryInstruction(),
                model.maxTokens(),
                model.dynamicQuantization());
    }

    private static void ensure(BundledModel model, BundledModel.ModelFile file, Path target) throws IOException {
        Path stamp = target.resolveSibling(target.getFileName() + ".sha256");
        if (Files.isRegularFile(target)
                && Files.size(target) == file.size()
                && Files.isRegularFile(stamp)
                && Files.readString(stamp, StandardCharsets.US_ASCII).strip().equals(file.sha256())) {
            return;
        }
        // Copy to a private temporary file, check it, then move it into place: a crash or a
        // concurrent extraction never leaves a half-written model where a reader would take it.
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
        try {
            String sha;
            try (InputStream in = open(model, file);
                    DigestOutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha256())) {
                in.transferTo(out);
                out.flush();
                sha = HexFormat.of().formatHex(out.getMessageDigest().digest());
            }
            if (!sha.equals(file.sha256())) {
                throw new ModelFormatException(
                        "The file " + file.resource() + " in the artifact dev.langchain4j:" + model.artifactId()
                                + " has SHA-256 " + sha + ", not the pinned " + file.sha256()
                                + ". A different version of the artifact is on"
                                + " the class path; use the version in Noesis's parent pom, or update the pin in BundledModel after checking the model.");
            }
            move(tmp, target);
            Path stampTmp = Files.createTempFile(target.getParent(), stamp.getFileName() + ".", ".part");
            try (OutputStream out = Files.newOutputStream(stampTmp)) {
                out.write((sha + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            move(stampTmp, stamp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static InputStream open(BundledModel model, BundledModel.ModelFile file) {
        InputStream in = BundledModelFiles.class.getClassLoader().getResourceAsStream(file.resource());
        if (in == null) {
            throw new ModelNotFoundException(
                    "The embedding model " + model.modelName() + " is not on the class path: its file "
                            + file.resource() + " comes in the artifact dev.langchain4j:" + model.artifactId()
                            + ". Add that artifact, or"
                            + " choose another model (" + BundledModel.names() + ", or a local ONNX model folder).");
        }
        return in;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
