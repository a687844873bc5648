package dev.noesis.modules;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.ModuleFactory;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.thought.Critique;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.thought.Verdict;
import java.util.Optional;

/**
 * Drafts an answer from what the state holds: the question, and the plan, evidence and cues when
 * there are some. When the latest draft has a critique asking for revision, the draft and the
 * problems found are put to the model for a better one. With {@code system: none} and
 * {@code task: none} it asks the bare question: the raw model, every experiment's baseline.
 */
public final class Generator implements ThinkingModule {

    public static final String NAME = "generator";

    /**
     * @param system    "default" (the shared system text), "none", or a system text of your own
     * @param task      "default" (ask for an answer), or "none" (the question alone)
     * @param maxTokens most new tokens for this step, or null for the run's setting
     */
    public record Config(String system, String task, Integer maxTokens) {
        public Config {
            system = system == null ? "default" : system;
            task = task == null ? "default" : task;
            if (!task.equals("default") && !task.equals("none")) {
                throw new InvalidInputException("generator task must be 'default' or 'none', got '" + task + "'.");
            }
            if (maxTokens != null && maxTokens < 1) {
                throw new InvalidInputException("generator maxTokens must be at least 1, got " + maxTokens + ".");
            }
        }
    }

    private final Config config;
    private final ModuleEnvironment env;

    public Generator(Config config, ModuleEnvironment env) {
        this.config = config;
        this.env = env;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Record> settings() {
        return Optional.of(config);
    }

    @Override
    public ThoughtState apply(ThoughtState state, StepContext context) {
        Optional<Critique> revise = revisionRequest(state);
        String system = switch (config.system()) {
            case "default" -> ModulePrompts.system(env.templates());
            case "none" -> "";
            default -> config.system();
        };
        PromptFitter prompt = PromptFitter.of(env.templates(), state, system)
                .task(NAME, "task")
                .with("revising", revise.isPresent())
                .with("instruct", config.task().equals("default"));
        revise.ifPresent(c -> {
            prompt.quoting("previous", state.drafts().get(c.draft()).text())
                    .with("issues", c.issues().isEmpty() ? java.util.List.of("(none named: improve it)") : c.issues());
            context.note(
                    "asked for a revision of draft " + c.draft(), c.issues().size() + " problems from " + c.module());
        });
        GenerationParams params =
                config.maxTokens() == null ? context.params() : context.params().withMaxNewTokens(config.maxTokens());
        Completion c =
                context.model().generate(prompt.fit(context, params.maxNewTokens()), params, context.answerStream());
        return state.addDraft(Draft.of(c.text().strip(), NAME));
    }

    /** The critique of the latest draft, when it asks for a revision. */
    private static Optional<Critique> revisionRequest(ThoughtState state) {
        return state.latestCritiqueOf(state.drafts().size() - 1).filter(c -> c.verdict() == Verdict.REVISE);
    }

    public static final class Factory extends ModuleFactory<Config> {
        public Factory() {
            super(
                    NAME,
                    "Drafts an answer from the question, plan, evidence and cues; revises it when a critic asks.",
                    Config.class,
                    Generator::new);
        }
    }
}
