package dev.noesis.core.model;

import java.util.List;

/**
 * Watches generated text for stop sequences and streams only text that can no longer become
 * part of one. The streamed chunks, joined, always equal the final text. Every adapter stops the
 * same way with it, so {@link FinishReason#STOP_SEQUENCE} means the same on every backend.
 */
public final class StopSequenceFilter {

    private final List<String> stops;
    private final int longestStop;
    private final TokenListener listener;
    private final StringBuilder text = new StringBuilder();
    private int emitted;
    private boolean stopped;

    public StopSequenceFilter(List<String> stops, TokenListener listener) {
        this.stops = stops;
        this.longestStop = stops.stream().mapToInt(String::length).max().orElse(0);
        this.listener = listener;
    }

    /** Adds newly decoded text; returns true when a stop sequence was reached. */
    public boolean append(String piece) {
        if (stopped) {
            throw new IllegalStateException("already stopped");
        }
        if (piece.isEmpty()) {
            return false;
        }
        int searchFrom = Math.max(0, text.length() - longestStop + 1);
        text.append(piece);
        int cut = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop, searchFrom);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut >= 0) {
            text.setLength(cut);
            emitUpTo(cut);
            stopped = true;
            return true;
        }
        emitUpTo(text.length() - heldBack());
        return false;
    }

    /** Ends the stream: emits whatever was held back and returns the whole text. */
    public String finish() {
        emitUpTo(text.length());
        return text.toString();
    }

    /** Length of the longest end of the text that is the start of some stop sequence. */
    private int heldBack() {
        int max = Math.min(longestStop - 1, text.length());
        for (int len = max; len > 0; len--) {
            int start = text.length() - len;
            for (String stop : stops) {
                if (stop.length() > len && endsWithStartOf(start, stop, len)) {
                    return len;
                }
            }
        }
        return 0;
    }

    private boolean endsWithStartOf(int start, String stop, int len) {
        for (int k = 0; k < len; k++) {
            if (text.charAt(start + k) != stop.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void emitUpTo(int end) {
        if (end > emitted) {
            listener.onText(text.substring(emitted, end));
            emitted = end;
        }
    }
}
