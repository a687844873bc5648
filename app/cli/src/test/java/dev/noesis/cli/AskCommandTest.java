package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.cli.terminal.TerminalText;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.testing.TinyModels;
import dev.noesis.testing.OpenAiFormatServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `noesis ask` through the real tiny Jlama model. */
class AskCommandTest {

    private static final String QUESTION = "Why does water boil at a lower temperature on a mountain?";

    @TempDir
    Path home;

    private Cli cli;
    private String model;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
        model = TinyModels.standard().toString();
    }

    private static String direct(GenerationParams params) {
        try (JlamaLanguageModel m = JlamaLanguageModel.open(TinyModels.standard())) {
            return m.generate(Prompt.of(QUESTION), params).text();
        }
    }

    @Test
    void printsTheModelsAnswerAndTheUsage() {
        Cli.Result r = cli.run("ask", "--model", model, "--max-tokens", "20", QUESTION);

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .isEqualTo(TerminalText.safe(direct(GenerationParams.DEFAULTS.withMaxNewTokens(20)))
                        + System.lineSeparator());
        assertThat(r.err()).contains("usage: 1 model call");
        assertThat(cli.run("ask", "--model", model, "--max-tokens", "20", QUESTION)
                        .out())
                .isEqualTo(r.out());
    }

    @Test
    void questionWordsAreJoined() {
        Cli.Result joined = cli.run(
                "ask",
                "--model",
                model,
                "--max-tokens",
                "8",
                "Why",
                "does",
                "water",
                "boil",
                "at",
                "a",
                "lower",
                "temperature",
                "on",
                "a",
                "mountain?");
        assertThat(joined.out())
                .isEqualTo(cli.run("ask", "--model", model, "--max-tokens", "8", QUESTION)
                        .out());
    }

    @Test
    void generationFlagsReachTheModel() {
        Cli.Result r =
                cli.run("ask", "--model", model, "--max-tokens", "12", "--temperature", "0.9", "--seed", "8", QUESTION);

        assertThat(r.out().strip())
                .isEqualTo(TerminalText.safe(direct(GenerationParams.DEFAULTS
                                .withMaxNewTokens(12)
                                .withTemperature(0.9)
                                .withSeed(8)))
                        .strip());
    }

    @Test
    void jsonHoldsTheAnswerUsageAndTrace() throws IOException {
        Cli.Result r = cli.run("ask", "--json", "--model", model, "--max-tokens", "10", QUESTION);

        assertThat(r.exit()).isZero();
        JsonNode run = new ObjectMapper().readTree(r.out());
        assertThat(run.path("answer").asText()).isEqualTo(direct(GenerationParams.DEFAULTS.withMaxNewTokens(10)));
        assertThat(run.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(run.at("/usage/modelCalls").asInt()).isEqualTo(1);
        assertThat(run.at("/usage/completionTokens").asInt()).isBetween(1, 10);
        JsonNode span = run.at("/trace/spans/0");
        assertThat(span.path("module").asText()).isEqualTo("generator");
        assertThat(span.at("/calls/0/prompt/messages/0/content").asText()).isEqualTo(QUESTION);
        assertThat(span.at("/calls/0/output").asText())
                .isEqualTo(run.path("answer").asText());
        assertThat(span.at("/calls/0/promptTokens").asInt()).isPositive();
    }

    @Test
    void traceShowsStepsPromptsAndFigures() {
        Cli.Result r = cli.run("ask", "--trace", "--model", model, "--max-tokens", "10", QUESTION);

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "Trace of run",
                        "pipeline raw",
                        "step 0 · generator",
                        "[user] " + QUESTION,
                        "prompt tokens in",
                        "new tokens in",
                        "usage: 1 model call");
    }

    @Test
    void withoutAModelTheDemoModelIsWrittenAndUsed() {
        Cli.Result r = cli.run("ask", "--max-tokens", "5", "hello");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("Writing the tiny demo model");
        assertThat(home.resolve("models/noesis-tiny/model.safetensors")).exists();
        assertThat(cli.run("ask", "--max-tokens", "5", "hello").err()).contains("using the tiny demo model");
    }

    @Test
    void theConfigurationFileAndEnvironmentChooseTheModelAndFlagsWin() throws IOException {
        Files.writeString(
                home.resolve("noesis.properties"), "noesis.model=" + model + "\nnoesis.generation.max-new-tokens=3\n");
        Cli.Result fromFile = cli.run("ask", "--json", QUESTION);
        assertThat(fromFile.exit()).isZero();
        assertThat(fromFile.out()).contains("\"completionTokens\" : 3").contains(model);

        Path other = TinyModels.withSeed(8);
        Cli.Result fromEnv = cli.env("NOESIS_MODEL", other.toString()).run("ask", "--json", QUESTION);
        assertThat(fromEnv.out()).contains(other.toString());

        Cli.Result fromFlag = cli.run("ask", "--json", "--max-tokens", "4", "--model", model, QUESTION);
        assertThat(fromFlag.out()).contains("\"completionTokens\" : 4").contains(model);
    }

    @Test
    void asksAModelServerByUrl() throws IOException {
        try (JlamaLanguageModel jlama = JlamaLanguageModel.open(TinyModels.standard());
                OpenAiFormatServer server = new OpenAiFormatServer(jlama, "sk-cli-test")) {
            Cli.Result r = cli.env("NOESIS_OPENAI_API_KEY", "sk-cli-test")
                    .run("ask", "--model", server.baseUrl(), "--model-name", "tiny", "--max-tokens", "20", QUESTION);

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out().strip())
                    .isEqualTo(TerminalText.safe(direct(GenerationParams.DEFAULTS.withMaxNewTokens(20)))
                            .strip());
            assertThat(r.err()).doesNotContain("sk-cli-test");

            Cli.Result noName = cli.run("ask", "--model", server.baseUrl(), QUESTION);
            assertThat(noName.exit()).isEqualTo(2);
            assertThat(noName.err()).contains("--model-name");
        }
    }

    @Test
    void anEmptyQuestionIsOneLineAndExitCode2() {
        Cli.Result r = cli.run("ask", "--model", model, "   ");

        assertThat(r.exit()).isEqualTo(2);
        assertOneLine(r.err(), "The question is empty");
    }

    @Test
    void aMissingModelFolderIsOneLineAndExitCode2() {
        Cli.Result r = cli.run("ask", "--model", home.resolve("no-such-model").toString(), QUESTION);

        assertThat(r.exit()).isEqualTo(2);
        assertOneLine(r.err(), "No model folder at");
    }

    @Test
    void aCutShortModelIsOneLineAndExitCode2() throws IOException {
        Path copy = Files.createDirectory(home.resolve("cut"));
        try (Stream<Path> files = Files.list(TinyModels.standard())) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        try (RandomAccessFile f =
                new RandomAccessFile(copy.resolve("model.safetensors").toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }

        Cli.Result r = cli.run("ask", "--model", copy.toString(), QUESTION);

        assertThat(r.exit()).isEqualTo(2);
        assertOneLine(r.err(), "cut short");
    }

    @Test
    void anUnknownFlagIsOneLineAndExitCode2() {
        Cli.Result r = cli.run("ask", "--bogus", QUESTION);

        assertThat(r.exit()).isEqualTo(2);
        assertOneLine(r.err(), "Unknown option: '--bogus'");
        assertThat(r.err()).contains("noesis ask --help");
    }

    @Test
    void badValuesAreOneLineAndExitCode2() {
        assertThat(cli.run("ask", "--model", model, "--temperature", "-1", QUESTION)
                        .exit())
                .isEqualTo(2);
        assertThat(cli.run("ask", "--model", model, "--max-tokens", "many", QUESTION)
                        .exit())
                .isEqualTo(2);
        for (String[] notFinite : new String[][] {{"--temperature", "NaN"}, {"--top-p", "Infinity"}}) {
            Cli.Result r = cli.run("ask", "--model", model, notFinite[0], notFinite[1], QUESTION);
            assertThat(r.exit()).as(notFinite[0]).isEqualTo(2);
            assertOneLine(r.err(), notFinite[0] + "': '" + notFinite[1] + "' is not a finite number");
        }
        Cli.Result pipeline = cli.run("ask", "--model", model, "--pipeline", "nope", QUESTION);
        assertThat(pipeline.exit()).isEqualTo(2);
        assertOneLine(pipeline.err(), "Pipelines: raw, rag, plan-solve");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Result r =
                cli.run("--verbose", "ask", "--model", home.resolve("missing").toString(), QUESTION);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("No model folder at").contains("\tat dev.noesis.");
    }

    @Test
    void askOpensNoListeningSocket() {
        ListeningSockets before = ListeningSockets.ofThisProcess();
        assertThat(cli.run("ask", "--model", model, "--max-tokens", "5", QUESTION)
                        .exit())
                .isZero();
        assertThat(ListeningSockets.ofThisProcess().inodes()).isSubsetOf(before.inodes());
    }

    @Test
    void theSocketCheckSeesAListeningSocket() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            assertThat(s.isBound()).isTrue();
            assertThat(ListeningSockets.ofThisProcess().inodes()).isNotEmpty();
        }
    }

    private static void assertOneLine(String err, String expected) {
        assertThat(err).contains(expected);
        assertThat(err.strip().lines()).as(err).hasSize(1);
        assertThat(err).startsWith("noesis: ").doesNotContain("\tat ").doesNotContain("Exception");
    }
}
