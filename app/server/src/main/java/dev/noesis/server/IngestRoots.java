package dev.noesis.server;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders {@code POST /api/ingest} may read from. A requested path is resolved first (links
 * followed, {@code ..} removed) and only then compared, so neither can lead outside a root.
 */
final class IngestRoots {

    static final String SETTING = "noesis.server.ingest-roots";

    private final List<Path> roots;

    IngestRoots(List<Path> roots) {
        this.roots = roots;
    }

    /** The requested paths, resolved; a 403 for any outside the roots (or for all, when none is configured). */
    List<Path> check(List<String> requested) {
        if (roots.isEmpty()) {
            throw forbidden("This server ingests nothing: no folder is allowed. Set " + SETTING
                    + " to the folders requests may ingest from.");
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Path asked = absolute(requested.get(i), i);
            Path real;
            try {
                real = asked.toRealPath();
            } catch (IOException e) {
                throw ApiException.invalid("paths[" + i + "]", "paths[" + i + "] does not exist or cannot be read.");
            }
            if (roots.stream().map(IngestRoots::real).noneMatch(real::startsWith)) {
                throw forbidden(
                        "paths[" + i + "] is not under a folder this server may ingest from (" + SETTING + ").");
            }
            out.add(real);
        }
        return out;
    }

    /** A 400, not a 500, for text that is no path at all (a NUL byte) as for a relative one. */
    private static Path absolute(String p, int i) {
        ApiException invalid = ApiException.invalid("paths[" + i + "]", "paths[" + i + "] must be an absolute path.");
        if (p == null || p.isBlank()) {
            throw invalid;
        }
        try {
            Path path = Path.of(p);
            if (!path.isAbsolute()) {
                throw invalid;
            }
            return path;
        } catch (InvalidPathException e) {
            throw invalid;
        }
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize();
        }
    }

    private static ApiException forbidden(String message) {
        return new ApiException(403, "permission_error", "paths", "path_not_allowed", message, null);
    }
}
