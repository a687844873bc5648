package dev.noesis.experiments.report;

/** Shortens long values (answers, gold lists) for a table cell. */
final class Text {

    static final int CELL_LIMIT = 120;

    private Text() {}

    /** At most {@value #CELL_LIMIT} characters, cut between two code points, never inside one. */
    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= CELL_LIMIT) {
            return text;
        }
        int end = CELL_LIMIT - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
