package dev.noesis.experiments.run;

import java.nio.file.Path;

/**
 * A suite's setup in place, as the report shows it.
 *
 * @param suite     the suite
 * @param hash      the content hash of the setup (documents and facts), "" for none
 * @param home      the data home it is in, or null when the suite needs none
 * @param reused    whether an earlier run had put it in place already (no work done now)
 * @param documents documents ingested
 * @param facts     facts imported
 * @param millis    time spent installing now (0 when reused)
 */
public record PreparedSetup(
        String suite, String hash, Path home, boolean reused, int documents, int facts, long millis) {

    /** A suite that needs no setup. */
    public static PreparedSetup none(String suite) {
        return new PreparedSetup(suite, "", null, false, 0, 0, 0);
    }

    public boolean isNone() {
        return home == null;
    }
}
