package dev.noesis.wiring.experiments;

import dev.noesis.core.error.BackendException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The content hash of a model folder's weights and configuration: what an experiment records as the
 * identity of the model that ran, so that two runs on "the same folder" with different weights are
 * never taken for the same model. Hashing gigabytes takes seconds, so hashes are kept in a file
 * keyed by each file's path, size and modification time; a changed file is hashed again.
 */
final class WeightsHash {

    private final Path store;

    /** @param store the properties file the hashes are kept in */
    WeightsHash(Path store) {
        this.store = store;
    }

    /** {@code sha256:<hex>} over the folder's {@code config.json} and {@code *.safetensors}, by name. */
    synchronized String of(Path folder) {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.equals("config.json") || n.endsWith(".safetensors");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new BackendException("Cannot hash the model folder " + folder + ": " + e.getMessage(), e);
        }
        return ofFiles(files);
    }

    /** {@code sha256:<hex>} over these files (an embedding model's ONNX graph and tokenizer), by name, in this order. */
    synchronized String ofFiles(List<Path> files) {
        try {
            Properties known = load();
            MessageDigest all = sha256();
            boolean changed = false;
            for (Path f : files) {
                String key = f.toAbsolutePath().normalize() + "|" + Files.size(f) + "|"
                        + Files.getLastModifiedTime(f).toMillis();
                String hash = known.getProperty(key);
                if (hash == null) {
                    hash = hashFile(f);
                    known.setProperty(key, hash);
                    changed = true;
                }
                all.update((f.getFileName() + "=" + hash + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (changed) {
                save(known);
            }
            return "sha256:" + HexFormat.of().formatHex(all.digest());
        } catch (IOException e) {
            throw new BackendException("Cannot hash the model files " + files + ": " + e.getMessage(), e);
        }
    }

    private static String hashFile(Path f) throws IOException {
        MessageDigest d = sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                d.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private Properties load() throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(store)) {
            try (InputStream in = Files.newInputStream(store)) {
                p.load(in);
            }
        }
        return p;
    }

    private void save(Properties p) throws IOException {
        Files.createDirectories(store.getParent());
        Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            p.store(out, "content hashes of model files, by path|size|modified");
        }
        Files.move(
                tmp,
                store,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
