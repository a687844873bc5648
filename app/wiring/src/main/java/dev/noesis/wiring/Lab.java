package dev.noesis.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.lab.model.LabPrompts;
import dev.noesis.lab.model.LabShape;
import dev.noesis.lab.model.LabTrainer;
import dev.noesis.lab.model.LabTraining;
import dev.noesis.lab.model.LoraSpec;
import dev.noesis.lab.model.TrainingConfig;
import dev.noesis.lab.world.TaskDomain;
import dev.noesis.lab.world.World;
import dev.noesis.lab.world.WorldWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lab: a synthetic world written to a folder, and a small model (and one LoRA adapter per
 * task domain) trained on it with DJL and PyTorch on the CPU. The folder holds everything:
 * {@code world.json} and the world's files, {@code model/} (a model folder Jlama loads),
 * {@code adapters/ID/} (PEFT folders) and {@code work/} (checkpoints: a stopped run resumes).
 */
public final class Lab {

    /** Steps between progress notices. */
    private static final int NOTICE_EVERY = 50;

    private final NoesisConfig config;
    private final Notices notices;

    public Lab(NoesisConfig config, Notices notices) {
        this.config = config;
        this.notices = notices;
    }

    /** What {@link #writeWorld} wrote. */
    public record WorldSummary(Path dir, World world) {}

    /** Writes the world of {@code size} people for {@code seed} into {@code dir}. */
    public WorldSummary writeWorld(Path dir, long seed, int size) {
        World world = World.generate(seed, size);
        return new WorldSummary(WorldWriter.write(world, dir), world);
    }

    /**
     * What to train.
     *
     * @param steps        base-model steps (0: the size's default)
     * @param adapterSteps steps per adapter (0: the size's default)
     * @param minutes      stop the base training after this long and export what there is (0: no limit)
     * @param adapters     whether to train the task-domain adapters after the base
     */
    public record TrainRequest(String size, int steps, int adapterSteps, double minutes, long seed, boolean adapters) {}

    /**
     * What a training did.
     *
     * @param complete whether the base model ran all its steps (a time limit can stop it earlier)
     */
    public record TrainSummary(
            Path modelDir, LabTrainer.Report base, boolean complete, List<LabTraining.AdapterResult> adapters) {}

    /** Trains the base model on the world in {@code worldDir}, then (if asked, and the base is complete) the adapters. */
    public TrainSummary train(Path worldDir, TrainRequest request) {
        World world = readWorld(worldDir);
        LabShape shape = LabShape.parse(request.size());
        prepareDjl();
        int steps = request.steps() > 0 ? request.steps() : defaultSteps(shape);
        // The rag pipeline's prompts are rendered with the lab's templates: the same folder is the
        // templates folder of `lab run`, so that the model sees at run time what it was trained on.
        Path templates = LabPrompts.writeTemplates(worldDir.resolve("templates"));
        List<LabTraining.Item> items = LabTraining.curriculum(world, LabPrompts.of(templates), request.seed());
        long deadline = request.minutes() > 0 ? System.nanoTime() + (long) (request.minutes() * 60e9) : Long.MAX_VALUE;
        Path modelDir = worldDir.resolve("model");
        LabTraining.Result base;
        try (Progress progress = notices.progress("training the base model", Progress.Unit.ITEMS)) {
            base = LabTraining.train(
                    world,
                    items,
                    shape,
                    TrainingConfig.defaults(steps, request.seed()),
                    modelDir,
                    worldDir.resolve("work/base.checkpoint"),
                    listener("base model", progress),
                    done -> System.nanoTime() > deadline);
        }
        boolean complete = base.report().lastStep() == steps;
        List<LabTraining.AdapterResult> adapters = new ArrayList<>();
        if (request.adapters() && complete) {
            int adapterSteps = request.adapterSteps() > 0 ? request.adapterSteps() : defaultSteps(shape) / 5;
            for (TaskDomain domain : List.of(TaskDomain.LETTERS, TaskDomain.COMPLEMENT)) {
                Path dir = worldDir.resolve("adapters").resolve(domain.id());
                if (Files.exists(dir)) {
                    notices.notice("The adapter " + dir + " exists; keeping it (delete it to train it again).");
                    continue;
                }
                try (Progress progress =
                        notices.progress("training the " + domain.id() + " adapter", Progress.Unit.ITEMS)) {
                    adapters.add(LabTraining.trainAdapter(
                            modelDir,
                            LabTraining.domainItems(domain, world.seed(), true),
                            LoraSpec.DEFAULT,
                            new TrainingConfig(
                                    adapterSteps,
                                    32,
                                    3e-3,
                                    Math.min(20, adapterSteps / 10),
                                    0.0,
                                    1.0,
                                    request.seed(),
                                    100),
                            dir,
                            worldDir.resolve("work/" + domain.id() + ".checkpoint"),
                            listener(domain.id() + " adapter", progress)));
                }
            }
        }
        return new TrainSummary(modelDir, base.report(), complete, adapters);
    }

    static int defaultSteps(LabShape shape) {
        return shape.equals(LabShape.SMALL) ? 4000 : 1500;
    }

    /** The world the folder was written from, regenerated from its seed and size and checked against its triples. */
    public static World readWorld(Path dir) {
        Path manifest = dir.resolve("world.json");
        if (!Files.isRegularFile(manifest)) {
            throw new InvalidInputException(dir + " is not a lab world: it has no world.json.");
        }
        try {
            JsonNode m = new ObjectMapper().readTree(manifest.toFile());
            World world =
                    World.generate(m.path("seed").asLong(), m.path("people").asInt());
            Path fresh = Files.createTempDirectory("noesis-lab-world-");
            try {
                WorldWriter.write(world, fresh.resolve("w"));
                if (Files.mismatch(fresh.resolve("w/triples.jsonl"), dir.resolve("triples.jsonl")) != -1) {
                    throw new InvalidInputException(dir.resolve("triples.jsonl") + " is not the world that world.json"
                            + " describes (seed " + world.seed() + ", "
                            + world.people().size()
                            + " people): it was edited or written by another version. Write the world again.");
                }
            } finally {
                deleteTree(fresh);
            }
            return world;
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the lab world in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * DJL keeps its unpacked PyTorch libraries (about 450 MB) under the Noesis home rather than
     * in {@code ~/.djl.ai}, and stays offline; set here, before DJL first runs, unless the
     * person set them.
     */
    public void prepareDjl() {
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", config.home().resolve("djl").toString());
        }
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("OPT_OUT_TRACKING", System.getProperty("OPT_OUT_TRACKING", "true"));
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    private LabTrainer.Listener listener(String what, Progress progress) {
        return new LabTrainer.Listener() {
            private final long began = System.nanoTime();
            private int first = -1;

            @Override
            public void step(int step, int steps, double loss, double tokensPerSecond, double learningRate) {
                if (first < 0) {
                    first = step - 1;
                }
                progress.update("steps", step, steps);
                if (step % NOTICE_EVERY == 0 || step == steps) {
                    double perStep = (System.nanoTime() - began) / 1e9 / Math.max(1, step - first);
                    notices.notice(String.format(
                            Locale.ROOT,
                            "%s: step %d/%d, loss %.4f, %.0f tokens/s, about %s left",
                            what,
                            step,
                            steps,
                            loss,
                            tokensPerSecond,
                            duration(perStep * (steps - step))));
                }
            }

            @Override
            public void undone(int step, String why) {
                notices.notice(what + ": step " + step + " undone (" + why + "); going back to the last snapshot.");
            }
        };
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? (s / 3600) + " h " + (s % 3600) / 60 + " min"
                : s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
