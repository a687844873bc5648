package dev.noesis.retrieval.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML through jsoup (which detects the charset and repairs bad markup). The visible text of the
 * body is kept with its structure: headings become markdown headings (so chunks follow sections),
 * block elements become paragraphs; scripts, styles and navigation are left out.
 */
public final class HtmlParser implements DocumentParser {

    private static final Set<String> SKIP = Set.of("script", "style", "noscript", "template", "nav", "svg", "head");
    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "section",
            "article",
            "main",
            "header",
            "footer",
            "aside",
            "li",
            "ul",
            "ol",
            "table",
            "tr",
            "blockquote",
            "pre",
            "br",
            "hr",
            "dd",
            "dt",
            "dl",
            "figure",
            "figcaption",
            "form",
            "address");

    @Override
    public ParsedDocument parse(byte[] bytes, String fileName) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(bytes), null, "");
        } catch (IOException e) {
            throw new UnreadableDocumentException("not readable as HTML: " + e.getMessage(), e);
        }
        String title = doc.title().isBlank() ? fileName : doc.title().strip();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    private int skipping;

                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (SKIP.contains(tag)) {
                                skipping++;
                            } else if (skipping == 0 && tag.matches("h[1-6]")) {
                                paragraph();
                                out.append("#".repeat(tag.charAt(1) - '0')).append(' ');
                            } else if (skipping == 0 && BLOCKS.contains(tag)) {
                                paragraph();
                            }
                        } else if (skipping == 0 && node instanceof TextNode t) {
                            String s = t.text();
                            if (!s.isBlank()) {
                                if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                                    out.append(' ');
                                }
                                out.append(s.strip());
                            }
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (SKIP.contains(tag)) {
                                skipping--;
                            } else if (skipping == 0 && (tag.matches("h[1-6]") || BLOCKS.contains(tag))) {
                                paragraph();
                            }
                        }
                    }

                    private void paragraph() {
                        int len = out.length();
                        if (len > 0 && !(len >= 2 && out.charAt(len - 1) == '\n' && out.charAt(len - 2) == '\n')) {
                            out.append(out.charAt(len - 1) == '\n' ? "\n" : "\n\n");
                        }
                    }
                },
                doc.body() == null ? doc : doc.body());
        return new ParsedDocument(title, out.toString(), true);
    }
}
