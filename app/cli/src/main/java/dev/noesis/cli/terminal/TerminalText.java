package dev.noesis.cli.terminal;

/**
 * Text from documents, memory or a model, made safe to print: control characters become visible
 * escapes, so that a stored escape sequence cannot retitle the terminal, clear the screen, write
 * the clipboard, hide a hyperlink or reorder what is shown (bidirectional overrides). Line breaks
 * and tabs stay. JSON output needs none of this: its encoder escapes control characters itself.
 */
public final class TerminalText {

    private TerminalText() {}

    public static String safe(String text) {
        if (text == null || text.chars().noneMatch(TerminalText::unsafe)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (unsafe(c)) {
                out.append(c <= 0xFF ? String.format("\\x%02X", c) : String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean unsafe(int c) {
        return (c < 0x20 && c != '\n' && c != '\t')
                || (c >= 0x7F && c <= 0x9F) // C0 (but line breaks, tabs), DEL, C1
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069); // bidirectional embeddings, isolates
    }
}
