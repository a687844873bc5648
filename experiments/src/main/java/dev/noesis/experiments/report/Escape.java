package dev.noesis.experiments.report;

/**
 * Makes text that came from data (item ids, answers, pipeline and suite names, config values) safe to
 * put into a page: a hostile item id such as {@code <script>} must be shown, never run or rendered as
 * markup. Control characters, which a terminal or a browser may act on, become U+FFFD.
 */
final class Escape {

    /**
     * Punctuation that Markdown (CommonMark and GitHub's extensions: tables, autolinks, mentions, math)
     * may act on inside a line. Parentheses need no escape once brackets have one (no link can form),
     * and line-start syntax (lists, setext headings) cannot occur: a value never starts a line.
     */
    private static final String MARKDOWN_SPECIAL = "\\`*_{}[]#+!|~@:$";

    private Escape() {}

    /** Text for HTML element content and quoted attribute values. */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(control(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /**
     * Text for one line of Markdown, a table cell included: {@code < > &} become entities (so that no
     * tag, not even an escaped one, reaches a renderer that is lax about escapes), every other character
     * Markdown could read as syntax is backslash-escaped (CommonMark allows that for all ASCII
     * punctuation), and line breaks become spaces so that a value cannot end its table row or start a
     * heading.
     */
    static String markdown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (control(c)) {
                out.append('\uFFFD');
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (c == '&') {
                out.append("&amp;");
            } else {
                if (MARKDOWN_SPECIAL.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A fenced Markdown code block holding {@code text} verbatim: the fence is longer than any run of
     * backticks inside, so the text cannot close it.
     */
    static String markdownCodeBlock(String text, String language) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            clean.append(c != '\n' && c != '\t' && control(c) ? '\uFFFD' : c);
        }
        return fence + language + "\n" + clean + "\n" + fence + "\n";
    }

    private static boolean control(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029';
    }
}
