package dev.noesis.lab.model;

import ai.djl.ndarray.NDManager;
import dev.noesis.core.error.NoesisException;
import dev.noesis.core.model.Prompt;
import dev.noesis.lab.world.Question;
import dev.noesis.lab.world.TaskDomain;
import dev.noesis.lab.world.World;
import dev.noesis.lab.world.WorldWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Trains a lab model on a world and writes it as a model folder: the vocabulary learned from the
 * world's text, the network trained on the one-hop questions of the trained facts (rendered as
 * the chat prompts Jlama will render), then exported. Everything follows from the world, the
 * shape and the training configuration.
 */
public final class LabTraining {

    /** Longest answer generated when the model is asked. */
    public static final int MAX_ANSWER_TOKENS = 16;

    private LabTraining() {}

    /**
     * A prompt and the answer the model is trained to give.
     *
     * @param system the system text (empty for none)
     * @param prompt the user message
     */
    public record Item(String system, String prompt, String answer) {
        /** An item without a system text. */
        public Item(String prompt, String answer) {
            this("", prompt, answer);
        }

        /** The item of a prompt rendered by Noesis's modules (a system text and one user message). */
        public static Item of(Prompt prompt, String answer) {
            if (prompt.messages().size() != 1) {
                throw new IllegalArgumentException("a lab item is one user message, got "
                        + prompt.messages().size());
            }
            return new Item(prompt.system(), prompt.messages().getFirst().content(), answer);
        }
    }

    /** The text a question suite gives the pipelines: its instructions, a blank line, the question. */
    public static String asked(String question) {
        return WorldWriter.INSTRUCTIONS + "\n\n" + question;
    }

    /**
     * What a training produced.
     *
     * @param modelDir the exported model folder
     * @param items    what it was trained on
     */
    public record Result(Path modelDir, LabTrainer.Report report, List<Item> items) {}

    /**
     * Each trained fact's one-hop question, asked as the {@code raw} pipeline asks it (the question
     * suite's instructions first).
     */
    public static List<Item> baseItems(World world) {
        return world.questions(true).stream()
                .filter(q -> q.category().equals(Question.ONE_HOP))
                .map(q -> Item.of(LabPrompts.raw(asked(q.question())), q.answer()))
                .toList();
    }

    /**
     * What the base model is trained on: the trained facts asked raw, answering from evidence in
     * the {@code rag} pipeline's prompt ({@link EvidenceDrills}), and plain sums (so that the
     * adapters only have to change the answer's format). The facts are repeated to weigh about as
     * much as the sums: unweighted, 1,400 sums drowned 213 facts (35% of the trained facts known
     * after 700 steps, measured). Deterministic from the world and {@code seed}.
     */
    public static List<Item> curriculum(World world, LabPrompts prompts, long seed) {
        List<Item> facts = baseItems(world);
        List<Item> sums = domainItems(TaskDomain.PLAIN, world.seed(), true);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < Math.max(1, sums.size() / Math.max(1, facts.size())); i++) {
            items.addAll(facts);
        }
        items.addAll(sums);
        items.addAll(EvidenceDrills.items(world, prompts, seed, 2 * sums.size()));
        return items;
    }

    /** Every text of the world, to learn the vocabulary from: documents, questions, answers. */
    static List<String> texts(World world) {
        List<String> texts = new ArrayList<>(world.documents().values());
        world.questions().forEach(q -> {
            texts.add(q.question());
            texts.addAll(q.answers());
        });
        return texts;
    }

    /**
     * Trains and exports.
     *
     * @param modelDir   the model folder to write (new or empty)
     * @param checkpoint the checkpoint file; an existing one is resumed from
     */
    public static Result train(
            World world,
            LabShape shape,
            TrainingConfig config,
            Path modelDir,
            Path checkpoint,
            LabTrainer.Listener listener) {
        return train(world, baseItems(world), shape, config, modelDir, checkpoint, listener, done -> false);
    }

    /**
     * Trains on {@code items} and exports; the vocabulary is learned from the world's texts and
     * the items. {@code stopAfter} may end the run early (see {@link LabTrainer#run(LabTrainer.Listener,
     * IntPredicate)}); the model is exported as it is then, and the checkpoint lets a later call go on.
     */
    public static Result train(
            World world,
            List<Item> items,
            LabShape shape,
            TrainingConfig config,
            Path modelDir,
            Path checkpoint,
            LabTrainer.Listener listener,
            IntPredicate stopAfter) {
        LabTokenizer tokenizer = vocabulary(world, items, shape);
        LabShape fitted = fitted(shape, tokenizer);
        writeTokenizer(modelDir, fitted, tokenizer);
        List<ChatCodec.Sequence> data = new ArrayList<>();
        int tooLong = 0;
        try (ChatCodec codec = ChatCodec.open(modelDir, tokenizer.endOfTurn())) {
            for (Item item : items) {
                ChatCodec.Sequence seq = codec.example(item.system(), item.prompt(), item.answer());
                // An evidence prompt can outgrow a small context; the pipeline would cut its evidence.
                if (seq.tokens().length > fitted.context()) {
                    tooLong++;
                } else {
                    data.add(seq);
                }
            }
        }
        try (NDManager manager = Engines.newManager();
                LlamaNet net = LlamaNet.initialize(fitted, config.seed(), manager)) {
            LabTrainer.Report report = new LabTrainer(net, data, config, checkpoint).run(listener, stopAfter);
            Map<String, String> about = new LinkedHashMap<>();
            about.put("world seed", Long.toString(world.seed()));
            about.put("world people", Integer.toString(world.people().size()));
            about.put("training seed", Long.toString(config.seed()));
            about.put("steps", report.lastStep() + " of " + config.steps());
            about.put("final loss", String.format(java.util.Locale.ROOT, "%.4f", report.finalLoss()));
            about.put("items", Integer.toString(data.size()));
            about.put("items left out as longer than the context", Integer.toString(tooLong));
            ModelExporter.export(modelDir, net, tokenizer, about);
            return new Result(modelDir, report, items);
        }
    }

    static LabTokenizer vocabulary(World world, List<Item> items, LabShape shape) {
        List<String> texts = texts(world);
        items.forEach(i -> {
            texts.add(i.system());
            texts.add(i.prompt());
            texts.add(i.answer());
        });
        return LabTokenizer.learn(texts, shape.vocab());
    }

    /** The vocabulary can come out smaller than asked when the texts run out of repeated pairs. */
    private static LabShape fitted(LabShape shape, LabTokenizer tokenizer) {
        return tokenizer.size() == shape.vocab() ? shape : withVocab(shape, tokenizer.size());
    }

    private static void writeTokenizer(Path modelDir, LabShape fitted, LabTokenizer tokenizer) {
        try {
            ModelExporter.writeTokenizer(modelDir, fitted, tokenizer);
        } catch (IOException e) {
            throw new NoesisException("Could not write the tokenizer to " + modelDir + ": " + e.getMessage(), e);
        }
    }

    /** A task domain's training ({@code train}) or test items, from the world's seed. */
    public static List<Item> domainItems(TaskDomain domain, long seed, boolean train) {
        TaskDomain.Split split = domain.items(seed, WorldWriter.DOMAIN_TEST_ITEMS);
        return (train ? split.train() : split.test())
                .stream().map(t -> new Item(t.prompt(), t.answer())).toList();
    }

    /**
     * Trains a LoRA adapter on {@code items} over the frozen model in {@code modelDir} and writes
     * it as a PEFT folder.
     */
    public static AdapterResult trainAdapter(
            Path modelDir,
            List<Item> items,
            LoraSpec spec,
            TrainingConfig config,
            Path adapterDir,
            Path checkpoint,
            LabTrainer.Listener listener) {
        LabShape shape = LabModel.shape(modelDir);
        Map<String, float[]> weights = LabModel.weights(modelDir.resolve("model.safetensors"));
        int endOfTurn = LabModel.endOfTurn(modelDir);
        List<ChatCodec.Sequence> data = new ArrayList<>();
        try (ChatCodec codec = ChatCodec.open(modelDir, endOfTurn)) {
            for (Item item : items) {
                data.add(codec.example(item.system(), item.prompt(), item.answer()));
            }
        }
        try (NDManager manager = Engines.newManager();
                LlamaNet net = LlamaNet.of(shape, weights, manager)) {
            net.attachLora(spec, config.seed());
            LabTrainer.Report report = new LabTrainer(net, data, config, checkpoint).run(listener);
            Map<String, String> about = new LinkedHashMap<>();
            about.put("training seed", Long.toString(config.seed()));
            about.put("steps", report.lastStep() + " of " + config.steps());
            about.put("final loss", String.format(java.util.Locale.ROOT, "%.4f", report.finalLoss()));
            Path written =
                    PeftExporter.export(adapterDir, net, modelDir.getFileName().toString(), about);
            return new AdapterResult(written, report, PeftExporter.modules(net));
        }
    }

    /** What an adapter training produced: the PEFT folder, the run, and the modules adapted. */
    public record AdapterResult(Path adapterDir, LabTrainer.Report report, List<String> modules) {}

    static LabShape withVocab(LabShape s, int vocab) {
        return new LabShape(
                s.id(),
                vocab,
                s.hidden(),
                s.intermediate(),
                s.layers(),
                s.heads(),
                s.context(),
                s.tied(),
                s.ropeTheta());
    }

    static Set<Integer> stopTokens(int endOfTurn) {
        return Set.of(LabTokenizer.EOS, endOfTurn);
    }
}
