package dev.noesis.retrieval.ingest;

import dev.noesis.core.error.NoesisException;
import dev.noesis.retrieval.chunking.Chunk;
import dev.noesis.retrieval.chunking.Chunker;
import dev.noesis.retrieval.index.IndexedDocument;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.ingest.SourceFiles.Problem;
import dev.noesis.retrieval.ingest.SourceFiles.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Files into the index: each file is read, hashed (an unchanged file is skipped), parsed,
 * chunked, embedded and written in place of its previous version, under its real path as id.
 * A file that fails is reported with its reason and the rest go on; a failure to write the
 * index itself stops the run. Work is committed every few files and at the end, so a run that is
 * killed keeps what it committed, and running it again picks up where it stopped.
 *
 * <p>Ingesting a folder also takes out of the index the files that are no longer in it, so that a
 * deleted file stops being found; {@link #remove} takes out files or folders by name.
 */
public final class Ingestor {

    /**
     * @param maxFileBytes     larger files are skipped
     * @param commitEveryFiles commit after this many written files...
     * @param commitInterval   ...or this much time, whichever comes first
     * @param tags             tags given to every document of the run
     */
    public record Settings(long maxFileBytes, int commitEveryFiles, Duration commitInterval, List<String> tags) {

        public static final long DEFAULT_MAX_FILE_BYTES = 50L << 20;
        public static final Settings DEFAULTS =
                new Settings(DEFAULT_MAX_FILE_BYTES, 50, Duration.ofSeconds(30), List.of());

        public Settings {
            if (maxFileBytes < 1 || commitEveryFiles < 1) {
                throw new IllegalArgumentException("maxFileBytes and commitEveryFiles must be positive");
            }
            tags = List.copyOf(tags == null ? List.of() : tags);
        }

        public Settings withTags(List<String> newTags) {
            return new Settings(maxFileBytes, commitEveryFiles, commitInterval, newTags);
        }

        public Settings withMaxFileBytes(long n) {
            return new Settings(n, commitEveryFiles, commitInterval, tags);
        }

        public Settings withCommitEvery(int files, Duration interval) {
            return new Settings(maxFileBytes, files, interval, tags);
        }
    }

    /** What became of one file. */
    public enum Outcome {
        ADDED,
        UPDATED,
        UNCHANGED,
        SKIPPED,
        FAILED
    }

    /** Hears about a run as it goes (progress bars, logs, tests). */
    public interface Listener {
        /** The walk is done: this many files will be read. */
        default void started(int files) {}

        default void fileDone(Path file, Outcome outcome, int chunks) {}

        /** A commit made these files durable. */
        default void committed(List<Path> files) {}
    }

    /**
     * The summary of a run.
     *
     * @param files     files read (skipped ones not counted)
     * @param removed   files the index held under a folder of the run that are gone from it, now out of the index
     * @param chunks    chunks written
     */
    public record Report(
            int files,
            int added,
            int updated,
            int unchanged,
            List<Problem> skipped,
            List<Problem> failed,
            List<Path> removed,
            long chunks,
            Duration elapsed) {

        public double chunksPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s > 0 ? chunks / s : 0;
        }
    }

    private final LuceneHybridIndex index;
    private final Chunker chunker;
    private final Settings settings;
    private final DocumentParsers parsers = new DocumentParsers();

    public Ingestor(LuceneHybridIndex index, Chunker chunker, Settings settings) {
        this.index = index;
        this.chunker = chunker;
        this.settings = settings;
    }

    public Report ingest(List<Path> paths, Listener listener) {
        long start = System.nanoTime();
        SourceFiles.Found found = SourceFiles.collect(paths, settings.maxFileBytes());
        List<Problem> skipped = new ArrayList<>(found.skipped());
        List<Problem> failed = new ArrayList<>(found.failed());
        Map<String, String> known = index.contentHashes();
        listener.started(found.sources().size());

        int added = 0;
        int updated = 0;
        int unchanged = 0;
        long chunks = 0;
        List<Path> pending = new ArrayList<>();
        long lastCommit = System.nanoTime();
        for (Source source : found.sources()) {
            Prepared p;
            try {
                p = prepare(source, known);
            } catch (UnreadableDocumentException e) {
                failed.add(new Problem(source.path(), e.getMessage()));
                listener.fileDone(source.path(), Outcome.FAILED, 0);
                continue;
            } catch (IOException e) {
                failed.add(new Problem(source.path(), "cannot be read: " + e.getMessage()));
                listener.fileDone(source.path(), Outcome.FAILED, 0);
                continue;
            } catch (NoesisException | IllegalArgumentException e) {
                failed.add(new Problem(source.path(), e.getMessage()));
                listener.fileDone(source.path(), Outcome.FAILED, 0);
                continue;
            }
            if (p == null) {
                unchanged++;
                listener.fileDone(source.path(), Outcome.UNCHANGED, 0);
                continue;
            }
            // Writing: a failure here is the index's (disk full, I/O error) and stops the run.
            index.upsert(p.document(), p.chunks(), p.vectors());
            pending.add(source.path());
            Outcome outcome;
            if (p.chunks().isEmpty()) {
                skipped.add(new Problem(source.path(), noText(source, p)));
                outcome = Outcome.SKIPPED;
            } else {
                outcome = known.containsKey(p.document().id()) ? Outcome.UPDATED : Outcome.ADDED;
                if (outcome == Outcome.ADDED) {
                    added++;
                } else {
                    updated++;
                }
                chunks += p.chunks().size();
            }
            listener.fileDone(source.path(), outcome, p.chunks().size());
            if (pending.size() >= settings.commitEveryFiles()
                    || System.nanoTime() - lastCommit
                            >= settings.commitInterval().toNanos()) {
                commit(pending, listener);
                lastCommit = System.nanoTime();
            }
        }
        List<Path> removed = removeVanished(found.folders(), known.keySet());
        commit(pending, listener);
        return new Report(
                found.sources().size(),
                added,
                updated,
                unchanged,
                List.copyOf(skipped),
                List.copyOf(failed),
                removed,
                chunks,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static String noText(Source source, Prepared p) {
        if (p.bytes() == 0) {
            return "the file is empty";
        }
        return source.type().equals("pdf") ? "no text found (a scanned PDF without a text layer?)" : "no text found";
    }

    /**
     * Takes out of the index the documents that lay in one of the folders and whose file is gone.
     * Only a file known not to exist is taken out: one that cannot be checked (a folder that
     * cannot be read) stays.
     */
    private List<Path> removeVanished(List<Path> folders, Set<String> ids) {
        List<Path> removed = new ArrayList<>();
        for (String id : ids) {
            Path file = pathOf(id);
            if (file != null
                    && folders.stream().anyMatch(f -> file.startsWith(f) && !file.equals(f))
                    && Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
                index.delete(id);
                removed.add(file);
            }
        }
        removed.sort(null);
        return List.copyOf(removed);
    }

    /** The path a document id names, or null when it is no absolute path (documents that did not come from files). */
    private static Path pathOf(String id) {
        try {
            Path p = Path.of(id);
            return p.isAbsolute() ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * What a removal did.
     *
     * @param removed    the documents taken out of the index, by path
     * @param notIndexed the paths given under which the index held nothing
     */
    public record Removal(List<Path> removed, List<Path> notIndexed) {}

    /**
     * Takes files out of the index, and for a folder every file under it, whether or not the files
     * still exist; the change is committed.
     */
    public Removal remove(List<Path> paths) {
        Set<String> ids = index.contentHashes().keySet();
        List<Path> removed = new ArrayList<>();
        List<Path> notIndexed = new ArrayList<>();
        for (Path given : paths) {
            Path target = asIndexed(given);
            List<String> under = new ArrayList<>();
            for (String id : ids) {
                Path file = pathOf(id);
                if (file != null && file.startsWith(target)) {
                    under.add(id);
                }
            }
            if (under.isEmpty()) {
                notIndexed.add(given);
            }
            for (String id : under) {
                if (index.delete(id)) {
                    removed.add(Path.of(id));
                }
            }
        }
        index.commit();
        removed.sort(null);
        return new Removal(List.copyOf(removed), List.copyOf(notIndexed));
    }

    /**
     * The path as ingestion would have recorded it: absolute, and real (links resolved) as far as
     * it still exists, since a removed file can no longer be resolved itself.
     */
    static Path asIndexed(Path given) {
        Path p = given.toAbsolutePath().normalize();
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p));
        } catch (IOException e) {
            return p;
        }
    }

    private void commit(List<Path> pending, Listener listener) {
        index.commit();
        if (!pending.isEmpty()) {
            listener.committed(List.copyOf(pending));
            pending.clear();
        }
    }

    /** A file ready to write: its document, chunks and vectors, and its size in bytes. */
    private record Prepared(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors, int bytes) {}

    /** Reads, parses, chunks and embeds a file; null when its content is what the index already holds. */
    private Prepared prepare(Source source, Map<String, String> known) throws IOException {
        byte[] bytes = read(source.path());
        String hash = sha256(bytes);
        String id = source.path().toString();
        if (hash.equals(known.get(id))) {
            return null;
        }
        ParsedDocument parsed = parsers.forType(source.type())
                .parse(bytes, source.path().getFileName().toString());
        List<Chunk> chunks =
                parsed.markdown() ? chunker.chunkMarkdown(parsed.text()) : chunker.chunkText(parsed.text());
        IndexedDocument doc = new IndexedDocument(
                id, id, parsed.title(), source.type(), settings.tags(), source.modified(), hash, Map.of());
        List<float[]> vectors = null;
        if (index.embedder().isPresent() && !chunks.isEmpty()) {
            vectors = index.embedder()
                    .get()
                    .embedDocuments(chunks.stream()
                            .map(c -> LuceneHybridIndex.embeddingText(doc, c))
                            .toList());
        }
        return new Prepared(doc, chunks, vectors, bytes.length);
    }

    private byte[] read(Path file) throws IOException {
        // The path is already resolved; refusing links here stops a file swapped for a link after the walk.
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxFileBytes() + 1));
            if (bytes.length > settings.maxFileBytes()) {
                throw new UnreadableDocumentException(
                        String.format("too large: over the limit of %,d bytes", settings.maxFileBytes()));
            }
            return bytes;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
