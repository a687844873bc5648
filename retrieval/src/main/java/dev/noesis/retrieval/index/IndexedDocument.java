package dev.noesis.retrieval.index;

import dev.noesis.core.error.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A document as the index records it, on every one of its chunks.
 *
 * @param id          stable id: adding a document with the same id replaces the old one
 * @param source      where it came from (a path, a URI)
 * @param title       its title, or an empty string
 * @param type        its kind ({@code md}, {@code pdf}, {@code beir}, ...)
 * @param tags        labels to filter on
 * @param modified    when the source last changed, if known
 * @param contentHash a hash of the source's bytes, so that unchanged sources are skipped
 * @param metadata    other fields to filter on ({@code key=value}); keys are letters, digits, {@code _ - .}
 */
public record IndexedDocument(
        String id,
        String source,
        String title,
        String type,
        List<String> tags,
        Instant modified,
        String contentHash,
        Map<String, String> metadata) {

    private static final Pattern KEY = Pattern.compile("[a-z0-9_.-]{1,64}");

    public IndexedDocument {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new InvalidInputException("A document id cannot be empty.");
        }
        source = source == null ? id : source;
        title = title == null ? "" : title;
        type = type == null ? "" : type;
        tags = List.copyOf(tags == null ? List.of() : tags);
        contentHash = contentHash == null ? "" : contentHash;
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
        for (String key : metadata.keySet()) {
            if (!KEY.matcher(key).matches()) {
                throw new InvalidInputException(
                        "Metadata key '" + key + "' must be 1-64 lower-case letters, digits, '_', '-' or '.'.");
            }
        }
    }

    public static IndexedDocument of(String id, String title) {
        return new IndexedDocument(id, id, title, "", List.of(), null, "", Map.of());
    }

    public IndexedDocument withTags(List<String> newTags) {
        return new IndexedDocument(id, source, title, type, newTags, modified, contentHash, metadata);
    }

    public IndexedDocument withMetadata(Map<String, String> newMetadata) {
        return new IndexedDocument(id, source, title, type, tags, modified, contentHash, newMetadata);
    }
}
