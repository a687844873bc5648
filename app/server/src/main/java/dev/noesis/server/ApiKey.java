package dev.noesis.server;

import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The key clients must send ({@code Authorization: Bearer KEY}), read from a file that only its
 * owner may read. Compared in constant time; its text is never logged, printed or echoed.
 */
public final class ApiKey {

    private static final int MAX_BYTES = 4096;
    private final byte[] key;

    private ApiKey(byte[] key) {
        this.key = key;
    }

    /** Reads the key from {@code file}: its text without surrounding white space. */
    public static ApiKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("The API key file " + file + " does not exist or is not a file.");
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                    throw new InvalidInputException("The API key file " + file
                            + " can be read by other users; make it readable by its owner only (chmod 600 " + file
                            + ").");
                }
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException("The API key file " + file + " is larger than " + MAX_BYTES
                        + " bytes; it should hold one key.");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException(
                        "The API key file " + file + " must hold one key: non-empty, without spaces or line breaks.");
            }
            return new ApiKey(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the API key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether an {@code Authorization} header value carries this key. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, key);
    }

    @Override
    public String toString() {
        return "ApiKey[hidden]";
    }
}
