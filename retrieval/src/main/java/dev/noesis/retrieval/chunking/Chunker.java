package dev.noesis.retrieval.chunking;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a document into chunks of about {@code maxChars} characters. Chunks end at sentence ends,
 * never span a markdown heading (each chunk knows the headings above it), and repeat the last
 * sentences of the previous chunk, up to {@code overlapChars}, so that a passage cut in two can
 * still be found whole. A sentence longer than a chunk is cut at word boundaries.
 *
 * <p>The defaults (1,000 characters, about 220 tokens of English, with 150 of overlap) keep a
 * chunk inside the window of every bundled embedding model (256 tokens for MiniLM, 512 for BGE).
 */
public final class Chunker {

    public static final int DEFAULT_MAX_CHARS = 1000;
    public static final int DEFAULT_OVERLAP_CHARS = 150;

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t]*#*[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

    private final int maxChars;
    private final int overlapChars;

    public Chunker(int maxChars, int overlapChars) {
        if (maxChars < 50) {
            throw new IllegalArgumentException("maxChars must be at least 50, got " + maxChars);
        }
        if (overlapChars < 0 || overlapChars >= maxChars / 2) {
            throw new IllegalArgumentException(
                    "overlapChars must be between 0 and half of maxChars, got " + overlapChars);
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    public static Chunker defaults() {
        return new Chunker(DEFAULT_MAX_CHARS, DEFAULT_OVERLAP_CHARS);
    }

    /** Chunks of plain text (paragraphs separated by blank lines). */
    public List<Chunk> chunkText(String text) {
        List<Chunk> out = new ArrayList<>();
        chunkSection(text, "", out);
        return out;
    }

    /** Chunks of markdown: ATX headings ({@code # Title}) outside code fences start new sections. */
    public List<Chunk> chunkMarkdown(String markdown) {
        List<Chunk> out = new ArrayList<>();
        String[] headings = new String[6];
        StringBuilder body = new StringBuilder();
        String section = "";
        boolean inFence = false;
        for (String line : markdown.split("\\R", -1)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
            }
            Matcher m = inFence ? null : HEADING.matcher(line);
            if (m != null && m.matches()) {
                chunkSection(body.toString(), section, out);
                body.setLength(0);
                int level = m.group(1).length();
                headings[level - 1] = m.group(2).strip();
                for (int i = level; i < headings.length; i++) {
                    headings[i] = null;
                }
                section = sectionOf(headings);
            } else {
                body.append(line).append('\n');
            }
        }
        chunkSection(body.toString(), section, out);
        return out;
    }

    private static String sectionOf(String[] headings) {
        StringBuilder s = new StringBuilder();
        for (String h : headings) {
            if (h != null && !h.isEmpty()) {
                if (!s.isEmpty()) {
                    s.append(" > ");
                }
                s.append(h);
            }
        }
        return s.toString();
    }

    private void chunkSection(String text, String section, List<Chunk> out) {
        List<String> sentences = sentences(text);
        if (sentences.isEmpty()) {
            return;
        }
        List<String> current = new ArrayList<>();
        int length = 0;
        int fresh = 0; // sentences in `current` that no earlier chunk holds
        for (String sentence : sentences) {
            int added = sentence.length() + (current.isEmpty() ? 0 : 1);
            if (!current.isEmpty() && length + added > maxChars && fresh > 0) {
                out.add(new Chunk(out.size(), join(current), section));
                List<String> overlap = overlap(current, sentence.length());
                current = new ArrayList<>(overlap);
                length = join(current).length();
                fresh = 0;
                added = sentence.length() + (current.isEmpty() ? 0 : 1);
            }
            current.add(sentence);
            length += added;
            fresh++;
        }
        if (fresh > 0) {
            out.add(new Chunk(out.size(), join(current), section));
        }
    }

    /** The last sentences of a chunk, up to the overlap, leaving room for the next sentence. */
    private List<String> overlap(List<String> chunk, int nextLength) {
        List<String> kept = new ArrayList<>();
        int length = 0;
        for (int i = chunk.size() - 1; i >= 0; i--) {
            int l = chunk.get(i).length() + 1;
            if (length + l > overlapChars || length + l + nextLength > maxChars) {
                break;
            }
            kept.addFirst(chunk.get(i));
            length += l;
        }
        return kept;
    }

    private static String join(List<String> sentences) {
        return String.join(" ", sentences);
    }

    /** Sentences of the text in order, whitespace collapsed; sentences longer than a chunk are cut at word boundaries. */
    List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        // Paragraphs first: a blank line always ends a sentence, even without a full stop (lists, titles).
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String p = paragraph.replaceAll("\\s+", " ").strip();
            if (p.isEmpty()) {
                continue;
            }
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
            it.setText(p);
            int start = it.first();
            for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String s = p.substring(start, end).strip();
                if (!s.isEmpty()) {
                    cutLong(s, out);
                }
            }
        }
        return out;
    }

    private void cutLong(String sentence, List<String> out) {
        String rest = sentence;
        while (rest.length() > maxChars) {
            int cut = rest.lastIndexOf(' ', maxChars);
            if (cut < maxChars / 2) {
                cut = maxChars; // one enormous word: cut it anyway
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            out.add(rest);
        }
    }
}
