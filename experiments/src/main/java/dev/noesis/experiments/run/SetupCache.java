package dev.noesis.experiments.run;

import dev.noesis.core.error.BackendException;
import dev.noesis.experiments.suite.SuiteSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Suite setups in place under one root folder, one data home per distinct content: a setup is
 * installed into {@code root/<hash>.partial} and renamed to {@code root/<hash>} only when it is whole,
 * so that a killed install is redone, never used half-made, and a second experiment with the same
 * documents and facts reuses the first one's home.
 */
public final class SetupCache {

    private final Path root;
    private final SetupEnvironment environment;

    public SetupCache(Path root, SetupEnvironment environment) {
        this.root = root;
        this.environment = environment;
    }

    /** The suite's setup in place, installed now or found from before. */
    public synchronized PreparedSetup prepare(String suite, SuiteSetup setup) throws InterruptedException {
        if (setup.isEmpty()) {
            return PreparedSetup.none(suite);
        }
        String hash = hash(setup);
        Path home = root.resolve(hash.substring("sha256:".length(), "sha256:".length() + 32));
        int docs = setup.documents().size();
        int facts = setup.facts().size();
        if (Files.isDirectory(home)) {
            return new PreparedSetup(suite, hash, home, true, docs, facts, 0);
        }
        Path partial = home.resolveSibling(home.getFileName() + ".partial");
        long start = System.nanoTime();
        try {
            Files.createDirectories(root);
            deleteTree(partial);
            Files.createDirectories(partial);
            environment.install(setup, partial);
            try {
                Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, home);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The setup of suite '" + suite + "' could not be put in " + home + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new BackendException(
                    "The setup of suite '" + suite + "' (" + docs + " documents, " + facts + " facts) failed: "
                            + e.getMessage(),
                    e);
        }
        return new PreparedSetup(suite, hash, home, false, docs, facts, (System.nanoTime() - start) / 1_000_000);
    }

    /** The content hash of a setup: every document's id, title and text and every fact, in order. */
    public static String hash(SuiteSetup setup) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (SuiteSetup.SetupDocument d : setup.documents()) {
                field(digest, "doc");
                field(digest, d.id());
                field(digest, d.title());
                field(digest, d.text());
            }
            for (var f : setup.facts()) {
                field(digest, "fact");
                // A record's text names every component with its value: a change of any is a change here.
                field(digest, f.toString());
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Length-prefixed, so that no two different sequences of fields hash alike. */
    private static void field(MessageDigest digest, String value) {
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        digest.update((byte) (bytes.length >>> 24));
        digest.update((byte) (bytes.length >>> 16));
        digest.update((byte) (bytes.length >>> 8));
        digest.update((byte) bytes.length);
        digest.update(bytes);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
