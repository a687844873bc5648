package dev.noesis.retrieval.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain text and markdown, in UTF-8. A markdown file's title is its first level-one heading. */
public final class TextParser implements DocumentParser {

    private static final Pattern H1 = Pattern.compile("(?m)^ {0,3}#[ \\t]+(.+?)[ \\t]*#*[ \\t]*$");

    private final boolean markdown;

    public TextParser(boolean markdown) {
        this.markdown = markdown;
    }

    @Override
    public ParsedDocument parse(byte[] bytes, String fileName) {
        String text = decode(bytes);
        String title = fileName;
        if (markdown) {
            Matcher m = H1.matcher(text);
            if (m.find()) {
                title = m.group(1).strip();
            }
        }
        return new ParsedDocument(title, text, markdown);
    }

    static String decode(byte[] bytes) {
        int start =
                bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                        ? 3
                        : 0;
        for (int i = start; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                throw new UnreadableDocumentException("binary content (a NUL byte), not text");
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            // Not UTF-8: Latin-1 maps every byte, which is right for the usual legacy files.
            return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
        }
    }
}
