package dev.noesis.lab.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.SafetensorsFile;
import dev.noesis.jlama.lora.LoraVariants;
import dev.noesis.lab.world.Question;
import dev.noesis.lab.world.TaskDomain;
import dev.noesis.lab.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized lab model: a world of 90 people (about 210 trained facts), the tiny shape, a fixed
 * number of steps. Trained once for the whole class.
 */
class LabTrainingTest {

    private static final int STEPS = Integer.getInteger("noesis.lab.test.steps", 800);
    private static final int ADAPTER_STEPS = Integer.getInteger("noesis.lab.test.adapterSteps", 80);

    @TempDir
    static Path tmp;

    private static World world;
    private static LabPrompts prompts;
    private static LabTraining.Result result;

    @BeforeAll
    static void train() {
        world = World.generate(21, 90);
        prompts = LabPrompts.of(LabPrompts.writeTemplates(tmp.resolve("templates")));
        result = LabTraining.train(
                world,
                LabTraining.curriculum(world, prompts, 1),
                LabShape.TINY,
                TrainingConfig.defaults(STEPS, 1),
                tmp.resolve("model"),
                tmp.resolve("work/checkpoint.bin"),
                new LabTrainer.Listener() {
                    @Override
                    public void step(int step, int steps, double loss, double tokensPerSecond, double lr) {
                        if (step % 50 == 0 || step == steps) {
                            System.out.printf(
                                    Locale.ROOT,
                                    "step %d/%d loss %.4f %.0f tokens/s lr %.2e%n",
                                    step,
                                    steps,
                                    loss,
                                    tokensPerSecond,
                                    lr);
                        }
                    }

                    @Override
                    public void undone(int step, String why) {
                        System.out.println("step " + step + " undone: " + why);
                    }
                },
                done -> false);
        LabTrainer.Report r = result.report();
        System.out.printf(
                Locale.ROOT,
                "trained %d steps, %d tokens in %.1f s: %.0f tokens/s, final loss %.4f, %d undone, %d items%n",
                r.stepsRun(),
                r.tokens(),
                r.seconds(),
                r.tokensPerSecond(),
                r.finalLoss(),
                r.undone(),
                result.items().size());
    }

    @Test
    void theTrainedModelAnswersTrainedFactsFarAboveChanceAndHeldOutOnesNot() {
        List<Question> trained = oneHop(true);
        List<Question> heldOut = oneHop(false);
        try (LabModel model = LabModel.load(result.modelDir())) {
            double trainedAccuracy = accuracy(model, trained);
            double heldOutAccuracy = accuracy(model, heldOut);
            System.out.printf(
                    Locale.ROOT,
                    "DJL accuracy: trained %.3f (%d), held out %.3f (%d)%n",
                    trainedAccuracy,
                    trained.size(),
                    heldOutAccuracy,
                    heldOut.size());
            // Chance is at most 1 in 11 (the fewest candidates: cities and companies); years 1 in 60.
            assertThat(trainedAccuracy).isGreaterThan(0.5);
            assertThat(trainedAccuracy).isGreaterThan(heldOutAccuracy + 0.3);
        }
    }

    @Test
    @Disabled("Not learnt yet. After 800 steps the tiny model answered held-out facts with evidence 1.1% against"
            + " 6.7% without (90 items), even with every drill answer spelt in the tokens of its evidence"
            + " (EvidencePromptProbeTest); before that fix, through the harness, rag 1.0% against raw 3.8% on"
            + " 210 items. Enable when a training budget or shape that teaches copying from the prompt is found.")
    void theTrainedModelReadsHeldOutFactsOffTheEvidenceOfARagPrompt() {
        List<Question> heldOut = oneHop(false);
        Map<String, String> pages = new HashMap<>();
        world.documents().values().forEach(d -> pages.put(d.substring(0, d.indexOf('\n')), LabPrompts.passage(d)));
        List<String> all = new ArrayList<>(pages.values());
        java.util.Random random = new java.util.Random(5);
        long right = 0;
        try (LabModel model = LabModel.load(result.modelDir())) {
            for (Question q : heldOut) {
                String gold = pages.get(q.evidence().getFirst().subject());
                List<String> passages = new ArrayList<>(List.of(gold));
                while (passages.size() < 3) {
                    String other = all.get(random.nextInt(all.size()));
                    if (!passages.contains(other)) {
                        passages.add(other);
                    }
                }
                Prompt p = prompts.rag(LabTraining.asked(q.question()), passages);
                String answer = model.answer(p.system(), p.messages().getFirst().content())
                        .strip();
                if (answer.equals(q.answer())) {
                    right++;
                } else if (heldOut.indexOf(q) < 3) {
                    System.out.println(
                            "with evidence: '" + q.question() + "' gave '" + answer + "', gold '" + q.answer() + "'");
                }
            }
            double rag = (double) right / heldOut.size();
            double raw = accuracy(model, heldOut);
            System.out.printf(
                    Locale.ROOT, "held-out facts: raw %.3f, with evidence %.3f (%d)%n", raw, rag, heldOut.size());
            assertThat(rag).isGreaterThan(raw + 0.2);
        }
    }

    @Test
    void jlamaLoadsTheExportedFolderAndGivesTheSameGreedyAnswersAsDjl() {
        List<String> prompts = new ArrayList<>();
        oneHop(true).stream().limit(12).forEach(q -> prompts.add(LabTraining.asked(q.question())));
        oneHop(false).stream().limit(8).forEach(q -> prompts.add(LabTraining.asked(q.question())));
        List<String> djl = new ArrayList<>();
        try (LabModel model = LabModel.load(result.modelDir())) {
            prompts.forEach(p -> djl.add(model.answer(p).strip()));
        }
        List<String> jlama = new ArrayList<>();
        List<Integer> jlamaPromptTokens = new ArrayList<>();
        try (JlamaLanguageModel model = JlamaLanguageModel.open(result.modelDir())) {
            GenerationParams greedy = GenerationParams.DEFAULTS.withMaxNewTokens(LabTraining.MAX_ANSWER_TOKENS);
            prompts.forEach(p -> {
                jlama.add(model.generate(Prompt.of(p), greedy, t -> {}).text().strip());
                jlamaPromptTokens.add(model.countTokens(Prompt.of(p)));
            });
        }
        // The prompt Jlama renders and encodes is, token for token, the one the model was trained on.
        List<Integer> trainedPromptTokens = new ArrayList<>();
        try (ChatCodec codec = ChatCodec.open(result.modelDir(), LabModel.endOfTurn(result.modelDir()))) {
            prompts.forEach(p -> trainedPromptTokens.add(codec.prompt(p).length));
        }
        assertThat(jlamaPromptTokens).isEqualTo(trainedPromptTokens);
        long agree = 0;
        for (int i = 0; i < prompts.size(); i++) {
            if (djl.get(i).equals(jlama.get(i))) {
                agree++;
            } else {
                System.out.println(
                        "disagree on '" + prompts.get(i) + "': DJL '" + djl.get(i) + "', Jlama '" + jlama.get(i) + "'");
            }
        }
        System.out.println("DJL-Jlama agreement: " + agree + "/" + prompts.size());
        assertThat(jlama).hasSize(20).isEqualTo(djl);
        assertThat(djl).allMatch(a -> !a.isBlank());
    }

    @Test
    void aLoraAdapterWrittenAsAPeftFolderChangesTheAnswersOnItsDomainAndLeavesTheBaseAlone() throws Exception {
        Path weights = result.modelDir().resolve("model.safetensors");
        byte[] baseBefore = Files.readAllBytes(weights);
        List<LabTraining.Item> train = LabTraining.domainItems(TaskDomain.LETTERS, world.seed(), true);
        LabTraining.AdapterResult adapter = LabTraining.trainAdapter(
                result.modelDir(),
                train,
                LoraSpec.DEFAULT,
                new TrainingConfig(ADAPTER_STEPS, 32, 3e-3, 6, 0.0, 1.0, 2, 1000),
                tmp.resolve("adapters/letters"),
                null,
                LabTrainer.Listener.NONE);
        LabTrainer.Report r = adapter.report();
        System.out.printf(
                Locale.ROOT,
                "adapter: %d steps, %.0f tokens/s, final loss %.4f%n",
                r.stepsRun(),
                r.tokensPerSecond(),
                r.finalLoss());
        assertThat(Files.readAllBytes(weights)).isEqualTo(baseBefore);

        JsonNode config = new ObjectMapper()
                .readTree(adapter.adapterDir().resolve("adapter_config.json").toFile());
        assertThat(config.path("peft_type").asText()).isEqualTo("LORA");
        assertThat(config.path("r").asInt()).isEqualTo(8);
        SafetensorsFile st = SafetensorsFile.read(adapter.adapterDir().resolve("adapter_model.safetensors"));
        String q = "base_model.model.model.layers.0.self_attn.q_proj.";
        assertThat(st.tensors().get(q + "lora_A.weight").shape()).containsExactly(8L, 128L);
        assertThat(st.tensors().get(q + "lora_B.weight").shape()).containsExactly(128L, 8L);
        assertThat(st.tensors()).doesNotContainKey("base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight");

        List<LabTraining.Item> test =
                LabTraining.domainItems(TaskDomain.LETTERS, world.seed(), false).subList(0, 40);
        double baseFormat;
        double baseRight;
        try (LabModel base = LabModel.load(result.modelDir())) {
            baseFormat = share(base, test, (a, item) -> a.matches("[a-j]{2,3}"));
            baseRight = share(base, test, (a, item) -> a.equals(item.answer()));
        }
        double adaptedFormat;
        double adaptedRight;
        try (LabModel adapted = LabModel.load(result.modelDir(), adapter.adapterDir())) {
            adaptedFormat = share(adapted, test, (a, item) -> a.matches("[a-j]{2,3}"));
            adaptedRight = share(adapted, test, (a, item) -> a.equals(item.answer()));
        }
        System.out.printf(
                Locale.ROOT,
                "letters domain: base format %.2f right %.2f; adapter format %.2f right %.2f%n",
                baseFormat,
                baseRight,
                adaptedFormat,
                adaptedRight);
        assertThat(baseFormat).isLessThan(0.2);
        assertThat(adaptedFormat).isGreaterThan(0.8);

        // The same adapter through the path `noesis ask --adapter` takes: Jlama loads the base,
        // and the LoRA loader merges the PEFT folder into a variant of it.
        List<String> jlamaBase = new ArrayList<>();
        List<String> jlamaAdapted = new ArrayList<>();
        GenerationParams greedy = GenerationParams.DEFAULTS.withMaxNewTokens(LabTraining.MAX_ANSWER_TOKENS);
        try (JlamaLanguageModel base = JlamaLanguageModel.open(result.modelDir());
                JlamaLanguageModel variant = LoraVariants.open(base, adapter.adapterDir(), "letters", false)) {
            for (LabTraining.Item item : test) {
                jlamaBase.add(base.generate(Prompt.of(item.prompt()), greedy, t -> {})
                        .text()
                        .strip());
                jlamaAdapted.add(variant.generate(Prompt.of(item.prompt()), greedy, t -> {})
                        .text()
                        .strip());
            }
        }
        double jlamaBaseFormat = shareMatching(jlamaBase, "[a-j]{2,3}");
        double jlamaAdaptedFormat = shareMatching(jlamaAdapted, "[a-j]{2,3}");
        System.out.printf(
                Locale.ROOT,
                "letters domain through Jlama + LoRA merge: base format %.2f, adapter format %.2f%n",
                jlamaBaseFormat,
                jlamaAdaptedFormat);
        assertThat(jlamaBaseFormat).isLessThan(0.2);
        assertThat(jlamaAdaptedFormat).isGreaterThan(0.8);
    }

    private static double shareMatching(List<String> answers, String regex) {
        return (double) answers.stream().filter(a -> a.matches(regex)).count() / answers.size();
    }

    private static double share(
            LabModel model, List<LabTraining.Item> items, BiPredicate<String, LabTraining.Item> good) {
        long n = items.stream()
                .filter(i -> good.test(model.answer(i.prompt()).strip(), i))
                .count();
        return (double) n / items.size();
    }

    private static List<Question> oneHop(boolean trained) {
        return world.questions(trained).stream()
                .filter(q -> q.category().equals(Question.ONE_HOP))
                .toList();
    }

    private static double accuracy(LabModel model, List<Question> questions) {
        long right = questions.stream()
                .filter(q ->
                        model.answer(LabTraining.asked(q.question())).strip().equals(q.answer()))
                .count();
        return (double) right / questions.size();
    }
}
