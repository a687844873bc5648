package dev.noesis.experiments.log;

import java.util.List;

/**
 * What a per-item log holds.
 *
 * @param records       the complete records, in the order they were written
 * @param completeBytes the length of the file up to and including the last complete line
 * @param tornBytes     bytes after the last complete line: a record cut short when its writer was
 *                      killed, ignored here and cut off before the log is appended to again
 */
public record LogContents(List<ItemRecord> records, long completeBytes, long tornBytes) {

    public LogContents {
        records = List.copyOf(records);
    }

    /** Whether the log ends with a record cut short. */
    public boolean torn() {
        return tornBytes > 0;
    }
}
