package dev.noesis.orchestrator.pipeline;

import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a user's text file whole, with messages that say what is wrong with it rather than what the JDK threw. */
final class TextFile {

    private TextFile() {}

    /**
     * The file's text, decoded as UTF-8 (a leading byte-order mark dropped).
     *
     * @param what     what the file is, for messages: "pipeline file"
     * @param maxBytes the largest file accepted
     * @throws InvalidInputException when the file does not exist, is not a file, is too large,
     *                               cannot be read, or is not UTF-8 text (with the line of the first bad byte)
     */
    static String read(Path file, String what, long maxBytes) {
        if (!Files.exists(file)) {
            throw new InvalidInputException("The " + what + " " + file + " does not exist.");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("The " + what + " " + file + " is not a file.");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > maxBytes) {
                throw new InvalidInputException("The " + what + " " + file + " is larger than " + maxBytes
                        + " bytes; it should be a short text file.");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the " + what + " " + file + ": " + reason(e) + ".", e);
        }
        return decode(bytes, file + "", what);
    }

    private static String decode(byte[] bytes, String file, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidInputException("The " + what + " " + file + " is not UTF-8 text: line " + line
                    + " holds bytes that are not UTF-8 (save the file as UTF-8).");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
