package dev.noesis.modules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.ModuleFactory;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.thought.ThoughtState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Breaks the question into ordered sub-goals, as structured output (a JSON list the model cannot
 * get wrong with an in-process backend). A plan that fails to come is noted in the trace and the
 * run goes on without one.
 */
public final class Planner implements ThinkingModule {

    public static final String NAME = "planner";

    /**
     * @param maxSteps  the most sub-goals (1 to 10; default 4)
     * @param maxTokens the plan's token budget, apart from the answers' (default 400)
     */
    public record Config(Integer maxSteps, Integer maxTokens) {
        public Config {
            maxSteps = maxSteps == null ? 4 : maxSteps;
            maxTokens = maxTokens == null ? 400 : maxTokens;
            if (maxSteps < 1 || maxSteps > 10) {
                throw new InvalidInputException("planner maxSteps must be between 1 and 10, got " + maxSteps + ".");
            }
            if (maxTokens < 16) {
                throw new InvalidInputException("planner maxTokens must be at least 16, got " + maxTokens + ".");
            }
        }
    }

    private final Config config;
    private final ModuleEnvironment env;
    private final JsonSchema schema;

    public Planner(Config config, ModuleEnvironment env) {
        this.config = config;
        this.env = env;
        this.schema = JsonSchema.parse("{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"steps\"],"
                + "\"properties\":{\"steps\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":" + config.maxSteps()
                + ",\"items\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":120}}}}");
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
        Prompt prompt = PromptFitter.of(env.templates(), state, ModulePrompts.system(env.templates()))
                .task(NAME, "task")
                .with("maxSteps", config.maxSteps())
                .structured(schema)
                .fit(context, config.maxTokens());
        StructuredResult r =
                context.model().generateJson(prompt, schema, context.params().withMaxNewTokens(config.maxTokens()));
        if (!r.valid()) {
            context.note("no plan", r.status() + ": " + String.join("; ", r.errors()));
            return state;
        }
        List<String> steps = new ArrayList<>();
        for (JsonNode s : r.value().get("steps")) {
            steps.add(s.asText().strip());
        }
        context.note("planned " + steps.size() + " sub-goals", "the model's decomposition of the question");
        return state.withPlan(steps);
    }

    public static final class Factory extends ModuleFactory<Config> {
        public Factory() {
            super(NAME, "Breaks the question into ordered sub-goals (structured output).", Config.class, Planner::new);
        }
    }
}
