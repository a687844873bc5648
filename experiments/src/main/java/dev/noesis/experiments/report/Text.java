package dev.noesis.experiments.report;

/** Shortens long values (answers, gold lists) for a table cell. */
final class Text {

    static final int CELL_LIMIT = 120;

    private Text() {}

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= CELL_LIMIT ? text : text.substring(0, CELL_LIMIT - 1) + "…";
    }
}
