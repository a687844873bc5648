package dev.noesis.lab.model;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import dev.noesis.core.error.BackendException;

/** Opens DJL's PyTorch engine, with a message that says what is missing when it cannot start. */
final class Engines {

    private Engines() {}

    /** A new root manager on the PyTorch engine. */
    static NDManager newManager() {
        try {
            return Engine.getEngine("PyTorch").newBaseManager();
        } catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError e) {
            throw new BackendException(
                    "The PyTorch engine for DJL cannot start: " + e.getMessage()
                            + ". Lab training needs ai.djl.pytorch:pytorch-native-cpu (or a CUDA build) on the class"
                            + " path; it is unpacked once into the DJL cache folder (DJL_CACHE_DIR, "
                            + System.getProperty("DJL_CACHE_DIR", "not set") + "), and nothing is downloaded"
                            + " (ai.djl.offline).",
                    e);
        }
    }
}
