package dev.noesis.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text from data is shown, never acted on, in HTML, in a Markdown line and in a Markdown code block; only plain relative trace paths are linked. */
class EscapeTest {

    @Test
    void htmlEscapesEveryCharacterThatCouldStartMarkupOrEndAnAttribute() {
        assertThat(Escape.html("<a href='x' title=\"y\">&</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
        assertThat(Escape.html("bell\u0007 esc\u001b[31m")).isEqualTo("bell\uFFFD esc\uFFFD[31m");
        assertThat(Escape.html(null)).isEmpty();
    }

    @Test
    void markdownCannotEndATableRowOrFormALinkATagOrAnEmphasis() {
        assertThat(Escape.markdown("a | b\nc")).isEqualTo("a \\| b c");
        assertThat(Escape.markdown("[x](javascript:alert(1))")).isEqualTo("\\[x\\](javascript\\:alert(1))");
        assertThat(Escape.markdown("<img src=x>")).isEqualTo("&lt;img src=x&gt;");
        assertThat(Escape.markdown("*bold* _it_ `code` @user https://x"))
                .isEqualTo("\\*bold\\* \\_it\\_ \\`code\\` \\@user https\\://x");
        assertThat(Escape.markdown("self-consistency")).isEqualTo("self-consistency");
    }

    @Test
    void aCodeBlockFenceIsLongerThanAnyRunOfBackticksInside() {
        assertThat(Escape.markdownCodeBlock("a ``` b ```` c", "json"))
                .startsWith("`````json\n")
                .endsWith("\n`````\n");
        assertThat(Escape.markdownCodeBlock("{}", "json")).isEqualTo("```json\n{}\n```\n");
    }

    @Test
    void onlyPlainRelativePathsInsideTheRunFolderBecomeLinks() {
        assertThat(TraceLinks.href("traces/rag/q 1.json")).contains("traces/rag/q%201.json");
        assertThat(TraceLinks.href("traces/a\"b<c>.json")).contains("traces/a%22b%3Cc%3E.json");
        assertThat(TraceLinks.href("traces/é.json")).contains("traces/%C3%A9.json");
        assertThat(TraceLinks.href("javascript:alert(1)")).isEmpty();
        assertThat(TraceLinks.href("C:/traces/x.json")).isEmpty();
        assertThat(TraceLinks.href("/etc/passwd")).isEmpty();
        assertThat(TraceLinks.href("traces/../../etc/passwd")).isEmpty();
        assertThat(TraceLinks.href("traces//x.json")).isEmpty();
        assertThat(TraceLinks.href("traces\\x.json")).isEmpty();
        assertThat(TraceLinks.href("//evil.example/x")).isEmpty();
        assertThat(TraceLinks.href(null)).isEmpty();
    }

    @Test
    void aLongCellIsShortenedWithoutSplittingACharacter() {
        String emoji = "😀".repeat(100);
        String shortened = Text.shorten(emoji);
        assertThat(shortened).endsWith("…");
        assertThat(shortened
                        .codePoints()
                        .filter(cp -> cp >= 0xD800 && cp <= 0xDFFF)
                        .count())
                .isZero();
        assertThat(Text.shorten("short")).isEqualTo("short");
    }
}
