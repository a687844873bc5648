package dev.noesis.experiments.report;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns an item's trace path (relative to the run folder, as the log records it) into a link that
 * the report, which lies in the run folder, can carry: only a plain relative path inside the folder
 * is linked, each segment percent-encoded, so that a hostile path ({@code javascript:…},
 * {@code ../../etc/passwd}, {@code /abs}, a quote) never becomes a link.
 */
final class TraceLinks {

    private TraceLinks() {}

    /** The encoded relative link, or empty when the path is not one to link. */
    static Optional<String> href(String trace) {
        if (trace == null || trace.isBlank() || trace.startsWith("/") || trace.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        String[] segments = trace.split("/", -1);
        if (segments[0].indexOf(':') >= 0) {
            // A scheme (javascript:, file:) or a drive letter.
            return Optional.empty();
        }
        StringBuilder href = new StringBuilder(trace.length() + 8);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
            for (int c = 0; c < segment.length(); c++) {
                if (Character.isISOControl(segment.charAt(c))) {
                    return Optional.empty();
                }
            }
            if (i > 0) {
                href.append('/');
            }
            encode(segment, href);
        }
        return Optional.of(href.toString());
    }

    private static void encode(String segment, StringBuilder out) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }
}
