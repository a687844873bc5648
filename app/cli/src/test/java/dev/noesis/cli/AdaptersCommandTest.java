package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.jlama.testing.PeftAdapters;
import dev.noesis.jlama.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `noesis adapters ...` on real PEFT folders written for the tiny model. */
class AdaptersCommandTest {

    @TempDir
    Path home;

    private Cli cli;
    private final Path model = TinyModels.standard();

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    private Path adapter(String name, PeftAdapters.Spec spec) {
        return PeftAdapters.write(model, home.resolve("src").resolve(name), spec);
    }

    @Test
    void addListShowAndRemoveAnAdapter() throws IOException {
        Path dir = adapter("legal-v1", PeftAdapters.Spec.of(4, 8, 1, "q_proj", "v_proj"));
        Path examples =
                Files.writeString(home.resolve("ex.txt"), "# legal\nIs a verbal contract binding?\n\nCan I sue?\n");

        Cli.Result add = cli.run(
                "adapters",
                "add",
                dir.toString(),
                "--name",
                "legal",
                "--description",
                "Law and contracts",
                "--examples",
                examples.toString(),
                "--keywords",
                "contract,court",
                "--model",
                model.toString());
        Cli.Result list = cli.run("adapters", "list", "--model", model.toString());
        Cli.Result show = cli.run("adapters", "show", "legal");

        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("Registered adapter legal (rank 4, 2 example prompts");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out())
                .containsPattern("legal\\s+rank 4\\s+q_proj,v_proj")
                .contains("held once, shared by every variant")
                .containsPattern("legal\\s+49,152 bytes \\(4 merged tensors\\)")
                .contains("x the base");
        assertThat(show.out()).contains("Law and contracts").contains("- Is a verbal contract binding?");

        Cli.Result remove = cli.run("adapters", "remove", "legal");
        assertThat(remove.exit()).isZero();
        assertThat(cli.run("adapters", "list").out()).contains("No adapters registered.");
    }

    @Test
    void theAdapterRouterModuleRunsInAPipelineAndTheTraceNamesItsChoice() throws IOException {
        cli.run(
                "adapters",
                "add",
                adapter("a", PeftAdapters.Spec.of(4, 8, 1, "q_proj")).toString(),
                "--name",
                "legal",
                "--keywords",
                "contract,court");
        cli.run(
                "adapters",
                "add",
                adapter("b", PeftAdapters.Spec.of(4, 8, 2, "q_proj")).toString(),
                "--name",
                "cooking",
                "--keywords",
                "recipe");
        Files.createDirectories(home.resolve("pipelines"));
        Files.writeString(
                home.resolve("pipelines/routed.yaml"),
                "name: routed\nsteps:\n  - adapter-router: { strategy: keyword }\n  - generator: {}\n");

        Cli.Result r = cli.run(
                "ask",
                "--json",
                "--pipeline",
                "routed",
                "--model",
                model.toString(),
                "--max-tokens",
                "4",
                "Is this contract valid in court?");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("adapter: legal").contains("keyword: legal (2.000)");
        assertThat(r.out()).as("the generator ran on the router's choice").contains("model calls on adapter legal");
        assertThat(r.out()).contains("@legal");

        Cli.Result onBase = cli.run(
                "ask",
                "--json",
                "--pipeline",
                "routed",
                "--model",
                model.toString(),
                "--max-tokens",
                "4",
                "--adapter",
                "none",
                "Is this contract valid in court?");

        assertThat(onBase.exit()).as(onBase.err()).isZero();
        assertThat(onBase.out()).as("--adapter none keeps the router off").doesNotContain("model calls on adapter");
    }

    @Test
    void askRunsOnTheNamedAdaptersVariantOrTheRoutersChoice() throws IOException {
        cli.run(
                "adapters",
                "add",
                adapter("a", PeftAdapters.Spec.of(4, 8, 1, "q_proj", "v_proj")).toString(),
                "--name",
                "legal",
                "--description",
                "Law: contracts, tenancy, courts and liability");
        String[] ask = {"ask", "--json", "--model", model.toString(), "--max-tokens", "8", "--adapter"};

        Cli.Result named = cli.run(concat(ask, "legal", "Is a verbal contract binding?"));
        Cli.Result none = cli.run(concat(ask, "none", "Is a verbal contract binding?"));
        Cli.Result auto = cli.run(concat(ask, "auto", "Can my landlord keep my deposit under the tenancy contract?"));
        Cli.Result unknown = cli.run(concat(ask, "chemistry", "Is a verbal contract binding?"));

        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(named.out()).contains("@legal");
        assertThat(none.out()).doesNotContain("@legal");
        assertThat(auto.exit()).as(auto.err()).isZero();
        assertThat(auto.err()).contains("adapter chosen by the router: embedding: legal (");
        assertThat(auto.out()).contains("@legal");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("No adapter named \"chemistry\"").contains("registered: legal");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void checkSaysWhatAVariantCostsAndRefusesAnotherBaseUnlessForced() {
        Path dir = adapter("other", PeftAdapters.Spec.of(4, 8, 1, "q_proj").withBaseModel("meta-llama/Llama-3.2-1B"));

        Cli.Result refused = cli.run("adapters", "check", dir.toString(), "--model", model.toString());
        Cli.Result forced = cli.run("adapters", "check", dir.toString(), "--model", model.toString(), "--force");

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("trained on \"meta-llama/Llama-3.2-1B\"");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("rank 4, 2 tensors, scale 2.0").contains("32,768 bytes of merged tensors");
    }

    @Test
    void badInputIsOneClearErrorAndNothingIsRegistered() throws IOException {
        Path empty = adapter("empty", PeftAdapters.Spec.of(4, 8, 1, "q_proj"));
        Files.write(empty.resolve("adapter_model.safetensors"), new byte[0]);
        Path ok = adapter("ok", PeftAdapters.Spec.of(4, 8, 1, "q_proj"));

        Cli.Result zero = cli.run("adapters", "add", empty.toString());
        assertThat(cli.run("adapters", "add", ok.toString(), "--name", "x").exit())
                .isZero();
        Cli.Result clash = cli.run("adapters", "add", ok.toString(), "--name", "x");

        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("empty (0 bytes)");
        assertThat(clash.exit()).isEqualTo(2);
        assertThat(clash.err()).contains("already registered");
        assertThat(cli.run("adapters", "list").out())
                .containsPattern("(?m)^x\\s")
                .doesNotContain("empty");
    }
}
