package dev.noesis.lora;

import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A PEFT LoRA adapter folder: {@code adapter_config.json} (read and checked, {@link PeftConfig})
 * and {@code adapter_model.safetensors}, whose presence, length and header length field are
 * checked here. The tensors themselves are checked against a base model by the backend that
 * merges them.
 *
 * @param dir     the folder
 * @param config  its configuration
 * @param weights its {@code adapter_model.safetensors}
 */
public record PeftFolder(Path dir, PeftConfig config, Path weights) {

    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    private static final String PICKLE_WEIGHTS = "adapter_model.bin";

    /** Opens and checks {@code dir}; every problem is one {@link InvalidInputException} naming the file. */
    public static PeftFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException((Files.exists(dir) ? dir + " is a file" : "No adapter folder at " + dir)
                    + "; a PEFT LoRA adapter is a folder holding adapter_config.json and"
                    + " adapter_model.safetensors.");
        }
        PeftConfig config = PeftConfig.read(dir.resolve(PeftConfig.FILE_NAME));
        Path weights = dir.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            String why = Files.exists(dir.resolve(PICKLE_WEIGHTS))
                    ? "it has only " + PICKLE_WEIGHTS + " (pickled PyTorch weights, which Noesis does not read);"
                            + " save the adapter with safe_serialization=True"
                    : "it has no " + WEIGHTS_FILE;
            throw new InvalidInputException("The adapter folder " + dir + " cannot be used: " + why + ".");
        }
        checkHeader(weights);
        return new PeftFolder(dir, config, weights);
    }

    /** The folder's name, the default name of the adapter. */
    public String defaultName() {
        return dir.toAbsolutePath().normalize().getFileName().toString();
    }

    /** Bytes of the two files. */
    public long bytes() {
        try {
            return Files.size(config.file()) + Files.size(weights);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the adapter folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code sha256:} and the hex SHA-256 of the configuration's bytes followed by the weights'
     * bytes: the same adapter gives the same hash wherever it is stored.
     */
    public String contentHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : new Path[] {config.file(), weights}) {
                try (InputStream in = Files.newInputStream(f)) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        sha.update(buf, 0, n);
                    }
                }
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the adapter folder " + dir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void checkHeader(Path weights) {
        try {
            long length = Files.size(weights);
            if (length == 0) {
                throw new InvalidInputException("The adapter weights " + weights
                        + " are empty (0 bytes): an interrupted download or copy? Copy the adapter again.");
            }
            if (length < 8) {
                throw new InvalidInputException("The adapter weights " + weights + " are " + length
                        + " bytes long, too short to be a safetensors file.");
            }
            byte[] head = new byte[8];
            try (InputStream in = Files.newInputStream(weights)) {
                if (in.readNBytes(head, 0, 8) != 8) {
                    throw new IOException("unexpected end of file");
                }
            }
            long headerLength =
                    ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength <= 0 || headerLength > length - 8) {
                throw new InvalidInputException("The adapter weights " + weights + " are not a safetensors file:"
                        + " the header length field says " + headerLength + " bytes but the file holds " + length
                        + ".");
            }
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the adapter weights " + weights + ": " + e.getMessage(), e);
        }
    }
}
