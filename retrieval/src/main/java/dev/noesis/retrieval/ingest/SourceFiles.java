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
 * following links, a link to a file is taken only when its target lies inside the named folder,
 * and hidden files and folders (names starting with a dot) are left out. A file of an unknown
 * type or over the size limit is skipped with the reason.
 */
public final class SourceFiles {

    /** A file to ingest. */
    public record Source(Path path, String type, long size, Instant modified) {}

    /** A path left out, and why. */
    public record Problem(Path path, String reason) {}

    /** What a walk found. */
    public record Found(List<Source> sources, List<Problem> skipped, List<Problem> failed) {}

    private SourceFiles() {}

    public static Found collect(List<Path> named, long maxBytes) {
        Map<Path, Source> sources = new LinkedHashMap<>();
        List<Problem> skipped = new ArrayList<>();
        List<Problem> failed = new ArrayList<>();
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
                walk(root, maxBytes, sources, skipped, failed);
            } else {
                skipped.add(new Problem(given, "not a regular file or folder"));
            }
        }
        List<Source> sorted = new ArrayList<>(sources.values());
        sorted.sort(Comparator.comparing(s -> s.path().toString()));
        return new Found(List.copyOf(sorted), List.copyOf(skipped), List.copyOf(failed));
    }

    private static void walk(Path root, long maxBytes, Map<Path, Source> sources, List<Problem> skipped, List<Problem> failed) {
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
                        followLink(root, file, maxBytes, sources, skipped, failed);
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
        }
    }

    private static void followLink(Path root, Path link, long maxBytes, Map<Path, Source> sources, List<Problem> skipped,
            List<Problem> failed) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            skipped.add(new Problem(link, "a broken link"));
            return;
        }
        if (!target.startsWith(root)) {
            skipped.add(new Problem(link, "a link to " + target + ", outside " + root + " (links are not followed out of the folder named)"));
        } else if (Files.isDirectory(target)) {
            skipped.add(new Problem(link, "a link to a folder (not followed)"));
        } else if (Files.isRegularFile(target)) {
            consider(root, target, maxBytes, sources, skipped, failed, false);
        } else {
            skipped.add(new Problem(link, "a link to something that is not a regular file"));
        }
    }

    private static void consider(Path root, Path file, long maxBytes, Map<Path, Source> sources, List<Problem> skipped,
            List<Problem> failed, boolean named) {
        Optional<String> type = DocumentParsers.typeOf(file.getFileName().toString());
        if (type.isEmpty()) {
            skipped.add(new Problem(file, "unknown type; Noesis reads " + DocumentParsers.SUPPORTED));
            return;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.size() > maxBytes) {
                skipped.add(new Problem(file, String.format("too large: %,d bytes, over the limit of %,d", attrs.size(), maxBytes)));
                return;
            }
            sources.putIfAbsent(file, new Source(file, type.get(), attrs.size(), attrs.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            failed.add(new Problem(file, "cannot be read: " + e.getMessage()));
        }
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
