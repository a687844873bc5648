package dev.noesis.modules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.module.ConditionValue;
import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.ModuleFactory;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.thought.Critique;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.thought.Validation;
import dev.noesis.core.thought.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges drafts against the question, the evidence and a rubric: a verdict (accept or revise),
 * a score from 1 to 5 and the problems found, as structured output. Small models criticising
 * their own answers from nothing often make them worse; this critic is shown what the
 * validators found and the evidence, and its effect is something experiments measure.
 */
public final class Critic implements ThinkingModule {

    public static final String NAME = "critic";
    static final JsonSchema SCHEMA = JsonSchema.parse("""
            {"type":"object","additionalProperties":false,"required":["verdict","score","issues"],"properties":{
              "verdict":{"enum":["accept","revise"]},
              "score":{"enum":[1,2,3,4,5]},
              "issues":{"type":"array","maxItems":5,"items":{"type":"string","minLength":1,"maxLength":120}}}}""");

    /**
     * @param rubric      "default", or the rubric's text
     * @param scope       "latest" (the newest draft) or "all" (every draft not yet judged)
     * @param useEvidence show the evidence to the critic (default true)
     * @param useChecks   show validators' results to the critic (default true)
     * @param maxTokens   each judgement's token budget, apart from the answers' (default 400)
     */
    public record Config(String rubric, String scope, Boolean useEvidence, Boolean useChecks, Integer maxTokens) {
        public Config {
            rubric = rubric == null ? "default" : rubric;
            scope = scope == null ? "latest" : scope;
            useEvidence = useEvidence == null || useEvidence;
            useChecks = useChecks == null || useChecks;
            maxTokens = maxTokens == null ? 400 : maxTokens;
            if (maxTokens < 16) {
                throw new InvalidInputException("critic maxTokens must be at least 16, got " + maxTokens + ".");
            }
            if (!scope.equals("latest") && !scope.equals("all")) {
                throw new InvalidInputException("critic scope must be 'latest' or 'all', got '" + scope + "'.");
            }
        }
    }

    private final Config config;
    private final ModuleEnvironment env;

    public Critic(Config config, ModuleEnvironment env) {
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
        if (state.drafts().isEmpty()) {
            context.note("nothing to judge", "no draft yet");
            return state;
        }
        List<Integer> targets = new ArrayList<>();
        if (config.scope().equals("latest")) {
            targets.add(state.drafts().size() - 1);
        } else {
            for (int i = 0; i < state.drafts().size(); i++) {
                if (state.latestCritiqueOf(i).isEmpty()) {
                    targets.add(i);
                }
            }
        }
        String rubric = config.rubric().equals("default")
                ? env.templates().render(NAME, "rubric-default", Map.of()).strip()
                : config.rubric();
        ThoughtState shown = config.useEvidence() ? state : state.withEvidence(List.of());
        ThoughtState out = state;
        for (int index : targets) {
            Draft draft = state.drafts().get(index);
            List<Map<String, Object>> checks = new ArrayList<>();
            if (config.useChecks()) {
                for (Validation v : draft.validations()) {
                    checks.add(Map.of("validator", v.validator(), "passed", v.passed(), "detail", v.detail()));
                }
            }
            Prompt prompt = PromptFitter.of(env.templates(), shown, ModulePrompts.system(env.templates()))
                    .task(NAME, "task")
                    .quoting("draft", draft.text())
                    .with("rubric", rubric)
                    .with("checks", checks)
                    .with("hasChecks", !checks.isEmpty())
                    .structured(SCHEMA)
                    .fit(context, config.maxTokens());
            StructuredResult r = context.model()
                    .generateJson(prompt, SCHEMA, context.params().withMaxNewTokens(config.maxTokens()));
            if (!r.valid()) {
                context.note("no judgement of draft " + index, r.status() + ": " + String.join("; ", r.errors()));
                continue;
            }
            JsonNode v = r.value();
            Verdict verdict = v.get("verdict").asText().equals("accept") ? Verdict.ACCEPT : Verdict.REVISE;
            List<String> issues = new ArrayList<>();
            v.get("issues").forEach(i -> issues.add(i.asText().strip()));
            int score = v.get("score").asInt();
            out = out.addCritique(new Critique(index, verdict, issues, NAME))
                    .replaceDraft(index, out.drafts().get(index).withScore(NAME, score));
            context.note(
                    "draft " + index + ": " + verdict.name().toLowerCase(java.util.Locale.ROOT) + ", score " + score,
                    issues.isEmpty() ? "no problems named" : String.join("; ", issues));
        }
        return out;
    }

    public static final class Factory extends ModuleFactory<Config> {
        public Factory() {
            super(
                    NAME,
                    "Judges drafts against the question, evidence, checks and a rubric: accept or revise, with the problems.",
                    Config.class,
                    Critic::new);
        }

        @Override
        public List<ConditionValue> conditionValues() {
            return List.of(
                    ConditionValue.flag(
                            "critic.accepted", "a critic accepted the latest draft", Critic::acceptedLatest),
                    ConditionValue.number(
                            "critic.score",
                            "the critic's score of the latest draft, 1 to 5 (0 when none)",
                            s -> s.drafts().isEmpty()
                                    ? 0.0
                                    : s.drafts().getLast().scores().getOrDefault(NAME, 0.0)));
        }
    }

    private static boolean acceptedLatest(ThoughtState s) {
        return !s.drafts().isEmpty()
                && s.latestCritiqueOf(s.drafts().size() - 1)
                        .map(c -> c.verdict() == Verdict.ACCEPT)
                        .orElse(false);
    }
}
