package dev.noesis.jlama;

import dev.noesis.core.error.ModelNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loaded models, shared by folder and counted by reference: a second handle on the same folder
 * reuses the weights already in memory, and the model is unloaded when its last handle closes.
 */
final class ModelRegistry {

    private static final Map<Path, Entry> LOADED = new HashMap<>();

    private static final class Entry {
        final LoadedModel model;
        int handles;

        Entry(LoadedModel model) {
            this.model = model;
        }
    }

    private ModelRegistry() {}

    static synchronized LoadedModel acquire(Path dir) {
        Path key = realPath(dir);
        Entry e = LOADED.get(key);
        if (e == null) {
            e = new Entry(LoadedModel.load(ModelFolder.open(key)));
            LOADED.put(key, e);
        }
        e.handles++;
        return e.model;
    }

    static synchronized void release(LoadedModel model) {
        Path key = model.folder.dir();
        Entry e = LOADED.get(key);
        if (e == null || e.model != model) {
            return;
        }
        if (--e.handles == 0) {
            LOADED.remove(key);
            model.close();
        }
    }

    static synchronized int loadedCount() {
        return LOADED.size();
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            // Let ModelFolder.open explain what is wrong with the path.
            ModelFolder.open(dir.toAbsolutePath());
            throw new ModelNotFoundException("Cannot resolve the model folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
