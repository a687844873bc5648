package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.cli.terminal.TerminalText;
import dev.noesis.testing.OpenAiFormatServer;
import dev.noesis.testing.ScriptedLanguageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored or generated text cannot drive the terminal: escape sequences are shown, not obeyed. */
class TerminalSafetyTest {

    private static final String HOSTILE =
            "\u001b]0;owned\u0007title \u001b[2Jcleared \u009b31m red \u202Eevil\ttab\nline";

    @TempDir
    Path home;

    @Test
    void controlCharactersBecomeVisibleEscapesButLineBreaksAndTabsStay() {
        assertThat(TerminalText.safe(HOSTILE))
                .isEqualTo("\\x1B]0;owned\\x07title \\x1B[2Jcleared \\x9B31m red \\u202Eevil\ttab\nline");
        assertThat(TerminalText.safe("plain text, ünïcödé and 漢字")).isEqualTo("plain text, ünïcödé and 漢字");
    }

    @Test
    void aModelsAnswerAndTheTraceAreShownSafelyWhileJsonKeepsTheExactText() throws Exception {
        try (OpenAiFormatServer server = new OpenAiFormatServer(ScriptedLanguageModel.replying(HOSTILE), null)) {
            Cli cli = new Cli(home);
            Cli.Result r = cli.run("ask", "--trace", "--model", server.baseUrl(), "--model-name", "tiny", "hi");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out())
                    .contains("\\x1B]0;owned\\x07title")
                    .doesNotContain("\u001b")
                    .doesNotContain("\u0007")
                    .doesNotContain("\u009b")
                    .doesNotContain("\u202E");

            Cli.Result json = cli.run("ask", "--json", "--model", server.baseUrl(), "--model-name", "tiny", "hi");
            assertThat(new ObjectMapper().readTree(json.out()).path("answer").asText())
                    .isEqualTo(HOSTILE);
        }
    }

    @Test
    void searchResultsFromADocumentAreShownSafely() throws Exception {
        Path doc = Files.writeString(
                Files.createDirectories(home.resolve("docs")).resolve("trap.txt"),
                "Boiling water \u001b]52;c;c2VjcmV0\u0007 at altitude \u001b[2J is cooler.");
        Cli cli = new Cli(home);
        assertThat(cli.run("ingest", doc.toString()).exit()).isZero();

        Cli.Result r = cli.run("search", "boiling");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\\x1B]52;c;c2VjcmV0\\x07").doesNotContain("\u001b");
    }

    @Test
    void whatMemoryRecallsIsShownSafely() throws Exception {
        Path triples = Files.writeString(
                home.resolve("facts.jsonl"),
                "{\"s\": \"Kea\", \"r\": \"lives in\", \"o\": \"New Zealand \\u001b]0;owned\\u0007\"}\n");
        Cli cli = new Cli(home);
        Cli.Result imported = cli.run("memory", "import", "triples", triples.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();

        Cli.Result r = cli.run("memory", "recall", "Kea");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("\\x1B]0;owned\\x07")
                .doesNotContain("\u001b")
                .doesNotContain("\u0007");
    }
}
