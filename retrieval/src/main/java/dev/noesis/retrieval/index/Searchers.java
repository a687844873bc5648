package dev.noesis.retrieval.index;

import dev.noesis.core.error.BackendException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;

/**
 * The searchers of one index, scoring with its BM25 settings. Over a writer they are
 * near-real-time and reopened by the searching thread only after a write (so writers never wait
 * for readers); read-only, they look for a newer commit at most once a second.
 */
final class Searchers implements AutoCloseable {

    /** Work done with a searcher. */
    interface Work<T> {
        T on(IndexSearcher searcher) throws IOException;
    }

    private final Path path;
    private final SearcherManager manager;
    private final boolean nearRealTime;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong refreshed = new AtomicLong();
    private final AtomicLong lastCommitCheck = new AtomicLong(System.nanoTime());

    private Searchers(Path path, SearcherManager manager, boolean nearRealTime) {
        this.path = path;
        this.manager = manager;
        this.nearRealTime = nearRealTime;
    }

    /** Searchers that see the writer's changes before they are committed. */
    static Searchers overWriter(Path path, IndexWriter writer, IndexSettings settings) throws IOException {
        return new Searchers(path, new SearcherManager(writer, true, false, factory(settings)), true);
    }

    /** Searchers of the last commit in the directory. */
    static Searchers overCommits(Path path, Directory directory, IndexSettings settings) throws IOException {
        return new Searchers(path, new SearcherManager(directory, factory(settings)), false);
    }

    static BM25Similarity similarity(IndexSettings settings) {
        return new BM25Similarity(settings.k1(), settings.b());
    }

    private static SearcherFactory factory(IndexSettings settings) {
        BM25Similarity similarity = similarity(settings);
        return new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                return searcher;
            }
        };
    }

    /** The writer changed the index: the next search reopens. */
    void changed() {
        writes.incrementAndGet();
    }

    /**
     * Runs the work on an up-to-date searcher; an I/O failure is reported as "{@code doing} the
     * index ... failed".
     */
    <T> T with(String doing, Work<T> work) {
        refreshIfChanged();
        IndexSearcher searcher = acquire();
        try {
            return work.on(searcher);
        } catch (IOException e) {
            throw new BackendException(doing + " the index " + path + " failed: " + e.getMessage(), e);
        } finally {
            release(searcher);
        }
    }

    /**
     * Brings the searcher up to date with the writer's changes (or, read-only, with new commits).
     * Blocks other searchers for the moment of a reopen, never the writer.
     */
    private void refreshIfChanged() {
        long target = writes.get();
        if (nearRealTime && refreshed.get() >= target) {
            return;
        }
        if (!nearRealTime) {
            // Read-only: look for a newer commit at most once a second (it lists the folder).
            long now = System.nanoTime();
            long last = lastCommitCheck.get();
            if (now - last < 1_000_000_000L || !lastCommitCheck.compareAndSet(last, now)) {
                return;
            }
        }
        try {
            manager.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new BackendException("Cannot refresh the index " + path + ": " + e.getMessage(), e);
        }
        refreshed.accumulateAndGet(target, Math::max);
    }

    private IndexSearcher acquire() {
        try {
            return manager.acquire();
        } catch (IOException e) {
            throw new BackendException("Cannot read the index " + path + ": " + e.getMessage(), e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            manager.release(searcher);
        } catch (IOException e) {
            throw new BackendException("Cannot release a reader of " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        manager.close();
    }
}
