package dev.noesis.retrieval.ingest;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files under the paths a user named, confined to them: folders are walked without
 * following links (a link found in a folder is skipped with the reason, and its target is
 * ingested under its own path when the walk reaches it), and hidden files and folders (names
 * starting with a dot) are left out. A file of an unknown type or over the size limit is skipped
 * with the reason. A path the user names is theirs: a link named directly is followed.
 */
public final class SourceFiles {

    /** A file to ingest. */
    public record Source(Path path, String type, long size, Instant modified) {}

    /** A path left out, and why. */
    public record Problem(Path path, String reason) {}

    /**
     * What a walk found.
     *
     * @param folders the folders walked whole (real paths): what is not in them any more is gone from them
     */
    public record Found(List<Source> sources, List<Problem> skipped, List<Problem> failed, List<Path> folders) {}

    private SourceFiles() {}

    public static Found collect(List<Path> named, long maxBytes) {
        Map<Path, Source> sources = new LinkedHashMap<>();
        List<Problem> skipped = new ArrayList<>();
        List<Problem> failed = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (Path given : named) {
            Path root;
            try {
                // The user named this path, so a link here is theirs to follow; nothing below it is.
                root = given.toAbsolutePath().normalize().toRealPath();
            } catch (NoSuchFileException e) {
                skipped.add(new Problem(given, "does not exist"));
                continue;
            } catch (IOException e) {
                failed.add(new Problem(given, "cannot be read: " + e.getMessage()));
                continue;
            }
            if (Files.isRegularFile(root)) {
                consider(root, root, maxBytes, sources, skipped, failed, true);
            } else if (Files.isDirectory(root)) {
                if (walk(root, maxBytes, sources, skipped, failed)) {
                    folders.add(root);
                }
            } else {
                skipped.add(new Problem(given, "not a regular file or folder"));
            }
        }
        List<Source> sorted = new ArrayList<>(sources.values());
        sorted.sort(Comparator.comparing(s -> s.path().toString()));
        return new Found(List.copyOf(sorted), List.copyOf(skipped), List.copyOf(failed), List.copyOf(folders));
    }

    /** Walks a folder; returns whether it could be listed. */
    private static boolean walk(
            Path root, long maxBytes, Map<Path, Source> sources, List<Problem> skipped, List<Problem> failed) {
        List<Path> links = new ArrayList<>();
        try {
            // No FOLLOW_LINKS: links are seen as links and judged one by one below.
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (hidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        links.add(file);
                    } else if (attrs.isRegularFile()) {
                        consider(root, file, maxBytes, sources, skipped, failed, false);
                    } else if (!attrs.isDirectory()) {
                        skipped.add(new Problem(file, "not a regular file"));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    failed.add(new Problem(file, "cannot be read: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            failed.add(new Problem(root, "cannot be listed: " + e.getMessage()));
            return false;
        }
        // After the walk, so that the reason can say whether the target was found on its own.
        for (Path link : links) {
            skipped.add(new Problem(link, whyNotFollowed(root, link, sources)));
        }
        return true;
    }

    private static String whyNotFollowed(Path root, Path link, Map<Path, Source> sources) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            return "a broken link";
        }
        if (!target.startsWith(root)) {
            return "a link to " + target + ", outside " + root + " (links are not followed out of the folder named)";
        } else if (Files.isDirectory(target)) {
            return "a link to a folder (not followed)";
        } else if (sources.containsKey(target)) {
            return "a link to " + target
                    + ", which is ingested under its own path (links in a folder are not followed)";
        } else {
            return "a link to " + target + " (links in a folder are not followed; name the file itself to ingest it)";
        }
    }

    private static void consider(
            Path root,
            Path file,
            long maxBytes,
            Map<Path, Source> sources,
            List<Problem> skipped,
            List<Problem> failed,
            boolean named) {
        Optional<String> type = DocumentParsers.typeOf(file.getFileName().toString());
        if (type.isEmpty()) {
            skipped.add(new Problem(file, "unknown type; Noesis reads " + DocumentParsers.SUPPORTED));
            return;
        }
        try {
            BasicFileAttributes attrs =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.size() > maxBytes) {
                skipped.add(new Problem(
                        file, String.format("too large: %,d bytes, over the limit of %,d", attrs.size(), maxBytes)));
                return;
            }
            sources.putIfAbsent(
                    file,
                    new Source(
                            file,
                            type.get(),
                            attrs.size(),
                            attrs.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            failed.add(new Problem(file, "cannot be read: " + e.getMessage()));
        }
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
