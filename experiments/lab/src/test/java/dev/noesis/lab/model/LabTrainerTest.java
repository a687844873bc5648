package dev.noesis.lab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.lab.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop on a micro model: resuming from a checkpoint continues the same run. */
class LabTrainerTest {

    private static final LabShape MICRO = new LabShape("micro", 400, 32, 64, 1, 2, 96, true, 10000.0);

    @TempDir
    static Path tmp;

    private static List<ChatCodec.Sequence> data;
    private static LabShape shape;

    @BeforeAll
    static void data() throws Exception {
        World world = World.generate(4, 12);
        LabTokenizer tokenizer = LabTokenizer.learn(LabTraining.texts(world), MICRO.vocab());
        shape = LabTraining.withVocab(MICRO, tokenizer.size());
        Path dir = tmp.resolve("tok");
        ModelExporter.writeTokenizer(dir, shape, tokenizer);
        data = new ArrayList<>();
        try (ChatCodec codec = ChatCodec.open(dir, tokenizer.endOfTurn())) {
            LabTraining.baseItems(world).forEach(i -> data.add(codec.example(i.prompt(), i.answer())));
        }
    }

    @Test
    void aRunResumedFromItsCheckpointEndsWhereAnUninterruptedRunEnds() throws Exception {
        TrainingConfig full = new TrainingConfig(20, 8, 3e-3, 4, 0.01, 1.0, 5, 10);
        Map<String, float[]> straight;
        LabTrainer.Report straightReport;
        try (NDManager m = NDManager.newBaseManager();
                LlamaNet net = LlamaNet.initialize(shape, 5, m)) {
            straightReport = new LabTrainer(net, data, full, null).run(LabTrainer.Listener.NONE);
            straight = net.values();
        }
        Path checkpoint = tmp.resolve("ck/checkpoint.bin");
        try (NDManager m = NDManager.newBaseManager();
                LlamaNet net = LlamaNet.initialize(shape, 5, m)) {
            LabTrainer.Report first =
                    new LabTrainer(net, data, full, checkpoint).run(LabTrainer.Listener.NONE, done -> done == 10);
            assertThat(first.stepsRun()).isEqualTo(10);
        }
        assertThat(checkpoint).exists();
        Map<String, float[]> resumed;
        LabTrainer.Report second;
        try (NDManager m = NDManager.newBaseManager();
                LlamaNet net = LlamaNet.initialize(shape, 99, m)) { // other initial weights: the checkpoint's win
            second = new LabTrainer(net, data, full, checkpoint).run(LabTrainer.Listener.NONE);
            resumed = net.values();
        }
        assertThat(second.stepsRun()).isEqualTo(10);
        assertThat(second.lastStep()).isEqualTo(20);
        assertThat(straightReport.finalLoss()).isFinite();
        double maxDiff = 0;
        for (var e : straight.entrySet()) {
            float[] a = e.getValue();
            float[] b = resumed.get(e.getKey());
            for (int i = 0; i < a.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            }
        }
        assertThat(maxDiff).isLessThan(1e-4);
    }

    @Test
    void aStepWithNonFiniteGradientsIsSkippedAndTheRunGoesOnWithFiniteWeights() {
        try (NDManager m = NDManager.newBaseManager();
                LlamaNet net = LlamaNet.initialize(shape, 5, m)) {
            Map<String, float[]> initial = net.values();
            LabTrainer trainer = new LabTrainer(net, data, new TrainingConfig(8, 4, 3e-3, 2, 0.01, 1.0, 5, 4), null);
            trainer.poisonGradientsAt(step -> step == 3 || step == 6);
            List<String> undone = new ArrayList<>();
            LabTrainer.Report r = trainer.run(new LabTrainer.Listener() {
                @Override
                public void step(int step, int steps, double loss, double tokensPerSecond, double learningRate) {}

                @Override
                public void undone(int step, String why) {
                    undone.add(step + ": " + why);
                }
            });
            assertThat(undone).containsExactly("3: gradient norm NaN", "6: gradient norm NaN");
            assertThat(r.undone()).isEqualTo(2);
            assertThat(r.finalLoss()).isFinite();
            Map<String, float[]> after = net.values();
            assertThat(after.values()).allSatisfy(v -> {
                for (float f : v) {
                    assertThat(f).isFinite();
                }
            });
            // Six good steps changed the weights.
            assertThat(after.get("model.layers.0.self_attn.q_proj.weight"))
                    .isNotEqualTo(initial.get("model.layers.0.self_attn.q_proj.weight"));
        }
    }

    @Test
    void aRunWhoseEveryStepFailsStopsWithAnErrorInsteadOfLooping() {
        try (NDManager m = NDManager.newBaseManager();
                LlamaNet net = LlamaNet.initialize(shape, 5, m)) {
            LabTrainer trainer = new LabTrainer(net, data, new TrainingConfig(100, 4, 3e-3, 2, 0.01, 1.0, 5, 10), null);
            trainer.poisonGradientsAt(step -> true);
            assertThatThrownBy(() -> trainer.run(LabTrainer.Listener.NONE))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("were not finite")
                    .hasMessageContaining("learning rate");
        }
    }

    @Test
    void aSequenceLongerThanTheContextIsRefusedBeforeTraining() {
        try (NDManager m = NDManager.newBaseManager();
                LlamaNet net = LlamaNet.initialize(shape, 5, m)) {
            List<ChatCodec.Sequence> tooLong = List.of(new ChatCodec.Sequence(new int[200], 150));
            assertThatThrownBy(() -> new LabTrainer(net, tooLong, TrainingConfig.defaults(5, 1), null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("200 tokens")
                    .hasMessageContaining("context of 96");
        }
    }

    @Test
    void aCheckpointFileRoundTrips() throws Exception {
        Path file = tmp.resolve("rt.bin");
        new Checkpoint(7, 0.5, Map.of("w", new float[][] {{1f, 2f}, {3f, 4f}, {5f, 6f}})).write(file);
        Checkpoint back = Checkpoint.read(file);
        assertThat(back.step()).isEqualTo(7);
        assertThat(back.lrScale()).isEqualTo(0.5);
        assertThat(back.tensors().get("w")[2]).containsExactly(5f, 6f);
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).doesNotContain("rt.bin.tmp");
    }
}
