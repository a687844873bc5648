package dev.noesis.experiments.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.experiments.log.DurableFiles;
import dev.noesis.experiments.log.ItemKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Item traces beside the log: one JSON file per item run under {@code traces/}, named by the hash of
 * its key, written whole (a temporary file renamed into place) before the record that points to it is
 * appended, so that after a killed process a record never names a trace that is not there. Traces are
 * not forced to the disk one by one (that would double the flushes per item): after a power cut, a
 * trace may be missing while its record, the result itself, is kept.
 */
final class TraceFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceFiles() {}

    /** Writes the trace and returns its path relative to the run folder. */
    static String write(Path traces, ItemKey key, JsonNode trace) {
        String name = name(key);
        Path target = traces.resolve(name);
        Path temporary = traces.resolve(name + ".tmp");
        try {
            Files.createDirectories(traces);
            DurableFiles.replaceWhole(temporary, target, JSON.writeValueAsBytes(trace));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The trace of " + key + " cannot be written as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("The trace of " + key + " could not be written to " + target, e);
        }
        return ExperimentRunner.TRACES + "/" + name;
    }

    static String name(ItemKey key) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
