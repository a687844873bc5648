package dev.noesis.modules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ConditionValue;
import dev.noesis.core.module.ModuleFactory;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.structured.JsonText;
import dev.noesis.core.structured.JsonValidator;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.thought.Validation;
import dev.noesis.modules.checks.ArithmeticCheck;
import dev.noesis.modules.checks.JavaSourceCheck;
import dev.noesis.modules.checks.TableCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Structural checks that need no model, attached to drafts as {@link Validation}s: a JSON value
 * against a schema, a table (CSV or markdown) against its columns and keys, Java source that must
 * parse, and arithmetic claims of the form {@code a op b = c}. Critics and selectors read them.
 */
public final class Validator implements ThinkingModule {

    public static final String NAME = "validator";

    /**
     * @param json       a JSON Schema the draft's JSON value must conform to, or null
     * @param table      the table the draft must hold, or null
     * @param java       the draft must hold Java source that parses
     * @param arithmetic arithmetic claims in the draft must be right (default true)
     * @param scope      "latest" (default) or "all" drafts
     */
    public record Config(JsonNode json, TableCheck.Spec table, Boolean java, Boolean arithmetic, String scope) {
        public Config {
            java = java != null && java;
            arithmetic = arithmetic == null || arithmetic;
            scope = scope == null ? "latest" : scope;
            if (!scope.equals("latest") && !scope.equals("all")) {
                throw new InvalidInputException("validator scope must be 'latest' or 'all', got '" + scope + "'.");
            }
        }
    }

    private final Config config;
    private final JsonSchema schema;

    public Validator(Config config) {
        this.config = config;
        this.schema = config.json() == null ? null : JsonSchema.of(config.json());
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
        ThoughtState out = state;
        int first =
                config.scope().equals("all") ? 0 : Math.max(0, state.drafts().size() - 1);
        for (int i = first; i < state.drafts().size(); i++) {
            Draft draft = out.drafts().get(i);
            List<Validation> results = check(draft.text());
            out = out.replaceDraft(i, draft.withValidations(results));
            long failed = results.stream().filter(v -> !v.passed()).count();
            context.note(
                    "draft " + i + ": " + results.size() + " checks, " + failed + " failed",
                    results.stream()
                            .map(v -> v.validator() + (v.passed() ? " ok" : " failed: " + v.detail()))
                            .reduce((a, b) -> a + "; " + b)
                            .orElse("nothing to check"));
        }
        return out;
    }

    /** Every configured check on one text. */
    public List<Validation> check(String text) {
        List<Validation> results = new ArrayList<>();
        if (schema != null) {
            JsonText.Parsed parsed = JsonText.firstValue(text);
            List<String> errors = parsed.value() == null
                    ? List.of(parsed.error())
                    : JsonValidator.validate(parsed.value(), schema.root());
            results.add(new Validation("json", errors.isEmpty(), String.join("; ", errors)));
        }
        if (config.table() != null) {
            results.add(TableCheck.check(text, config.table()));
        }
        if (config.java()) {
            results.add(JavaSourceCheck.check(text));
        }
        if (config.arithmetic()) {
            ArithmeticCheck.check(text).ifPresent(results::add);
        }
        return results;
    }

    public static final class Factory extends ModuleFactory<Config> {
        public Factory() {
            super(
                    NAME,
                    "Checks drafts without a model: JSON against a schema, tables, Java that must parse, arithmetic claims.",
                    Config.class,
                    (config, env) -> new Validator(config));
        }

        @Override
        public List<ConditionValue> conditionValues() {
            return List.of(ConditionValue.flag(
                    "validator.passed",
                    "the latest draft was checked and passed every check",
                    s -> !s.drafts().isEmpty()
                            && !s.drafts().getLast().validations().isEmpty()
                            && s.drafts().getLast().passedValidation()));
        }
    }
}
