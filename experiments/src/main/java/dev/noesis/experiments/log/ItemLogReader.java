package dev.noesis.experiments.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a per-item log ({@code items.jsonl}: one JSON record per line, each line ending in a
 * newline). Never changes the file, so a report can be rebuilt from a log another run is still
 * writing.
 *
 * <p>A record is written with its newline in one append, so bytes after the last newline are a record
 * whose writer died mid-write (a SIGKILL, a power cut): they are left out, and the item counts as not
 * done. A complete line that is not a record is not such an accident and is refused with its line
 * number, as is a second record for the same {@link ItemKey}: statistics over a log with a duplicate
 * would count an item twice.
 */
public final class ItemLogReader {

    private ItemLogReader() {}

    /** The log's records; a file that does not exist is an empty log. */
    public static LogContents read(Path file) {
        return read(file, null);
    }

    /**
     * The log's records, refusing any that belongs to another experiment.
     *
     * @param configHash the run folder's config hash, or null to accept any
     */
    public static LogContents read(Path file, String configHash) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new LogContents(List.of(), 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The item log " + file + " could not be read: " + e.getMessage(), e);
        }
        List<ItemRecord> records = new ArrayList<>();
        Map<ItemKey, Integer> lineOfKey = new HashMap<>();
        Map<ItemKey, Integer> indexOfKey = new HashMap<>();
        int start = 0;
        int line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            line++;
            if (!blank(bytes, start, i)) {
                ItemRecord record = parse(file, line, bytes, start, i - start);
                if (configHash != null && !configHash.equals(record.configHash())) {
                    throw new InvalidInputException(
                            file + ":" + line + ": this record belongs to another experiment (config "
                                    + record.configHash() + "; the run folder's is " + configHash + ").");
                }
                Integer earlier = lineOfKey.putIfAbsent(record.key(), line);
                if (earlier == null) {
                    indexOfKey.put(record.key(), records.size());
                    records.add(record);
                } else {
                    // A failed item run again on resume supersedes its failure, in the failure's place.
                    int at = indexOfKey.get(record.key());
                    ItemRecord before = records.get(at);
                    if (!ItemLog.supersedes(record, before)) {
                        throw new InvalidInputException(file + ":" + line + ": a second record for " + record.key()
                                + ", already recorded on line " + earlier + ".");
                    }
                    lineOfKey.put(record.key(), line);
                    records.set(at, record);
                }
            }
            start = i + 1;
        }
        return new LogContents(records, start, bytes.length - start);
    }

    private static ItemRecord parse(Path file, int line, byte[] bytes, int offset, int length) {
        try {
            return LogJson.MAPPER.readValue(bytes, offset, length, ItemRecord.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidInputException(file + ":" + line + ": this line is not an item record: " + reason + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean blank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
