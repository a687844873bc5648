package dev.noesis.experiments.run;

import dev.noesis.experiments.suite.SuiteSetup;
import java.nio.file.Path;

/**
 * Puts a suite's setup (documents into an index, facts into memory) into a data home: the
 * application's wiring implements it over its ingestion and memory import. The runner calls it at
 * most once per distinct setup content (see {@link SetupCache}), into a new empty folder that belongs
 * to the experiment alone, never the user's own index or memory.
 */
public interface SetupEnvironment {

    /** Does nothing: for experiments whose suites all run closed book. */
    SetupEnvironment NONE = (setup, home) -> {
        if (!setup.isEmpty()) {
            throw new IllegalStateException("This run has no way to put a suite's documents and facts in place: "
                    + setup.documents().size() + " documents and "
                    + setup.facts().size() + " facts.");
        }
    };

    /**
     * Installs {@code setup} into {@code home}, an empty folder. Throwing leaves nothing behind: the
     * folder is discarded and the next run tries again. When it returns, the folder is renamed into
     * place, so nothing may still hold files in it (a database server must be stopped first).
     */
    void install(SuiteSetup setup, Path home) throws Exception;
}
