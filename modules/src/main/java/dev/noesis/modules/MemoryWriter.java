package dev.noesis.modules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.Episode;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Memory;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.WriteReport;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.ModuleFactory;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.thought.ThoughtState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Stores the run in memory, through the {@code Memory} port: the episode (question and answer)
 * and the facts the model extracts from it as structured output, each with the run as its source.
 * Extracted facts never replace what memory holds (they are written non-exclusive), because a
 * small model's reading of its own answer is not evidence enough to close an earlier fact.
 */
public final class MemoryWriter implements ThinkingModule {

    public static final String NAME = "memory-write";
    public static final String ANSWER = "answer";
    public static final String FACTS = "facts";

    /**
     * @param what       what to store: {@code answer} (the episode), {@code facts}, or both (default both)
     * @param maxFacts   the most facts extracted (1 to 20; default 5)
     * @param maxTokens  the extraction's token budget (default 300)
     * @param confidence the confidence given to extracted facts (0 to 1; default 0.6)
     */
    public record Config(List<String> what, Integer maxFacts, Integer maxTokens, Double confidence) {
        public Config {
            what = what == null ? List.of(ANSWER, FACTS) : List.copyOf(what);
            maxFacts = maxFacts == null ? 5 : maxFacts;
            maxTokens = maxTokens == null ? 300 : maxTokens;
            confidence = confidence == null ? 0.6 : confidence;
            if (what.isEmpty() || !List.of(ANSWER, FACTS).containsAll(what)) {
                throw new InvalidInputException("memory-write what must list answer, facts or both, got " + what + ".");
            }
            if (maxFacts < 1 || maxFacts > 20) {
                throw new InvalidInputException(
                        "memory-write maxFacts must be between 1 and 20, got " + maxFacts + ".");
            }
            if (maxTokens < 16) {
                throw new InvalidInputException("memory-write maxTokens must be at least 16, got " + maxTokens + ".");
            }
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new InvalidInputException(
                        "memory-write confidence must be between 0 and 1, got " + confidence + ".");
            }
        }
    }

    private final Config config;
    private final ModuleEnvironment env;
    private final JsonSchema schema;

    public MemoryWriter(Config config, ModuleEnvironment env) {
        this.config = config;
        this.env = env;
        this.schema = JsonSchema.parse("""
                {"type": "object", "additionalProperties": false, "required": ["facts"],
                 "properties": {"facts": {"type": "array", "maxItems": %d, "items": {
                   "type": "object", "additionalProperties": false, "required": ["subject", "predicate", "object"],
                   "properties": {
                     "subject": {"type": "string", "minLength": 1, "maxLength": 80},
                     "predicate": {"type": "string", "minLength": 1, "maxLength": 40},
                     "object": {"type": "string", "minLength": 1, "maxLength": 80}}}}}}
                """.formatted(config.maxFacts()));
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
        Optional<String> answer = state.chosenAnswer()
                .or(() -> state.drafts().isEmpty()
                        ? Optional.empty()
                        : Optional.of(state.drafts().getLast().text()))
                .filter(a -> !a.isBlank());
        if (answer.isEmpty()) {
            context.note("nothing stored", "there is no answer yet: put memory-write after a generator");
            return state;
        }
        Memory memory = env.memory()
                .orElseThrow(() -> new InvalidInputException(
                        "The memory-write module stores into memory, and memory is not available here."));
        Provenance source = new Provenance("run:" + context.runId(), ModulePrompts.oneLine(state.question(), 120));
        List<Fact> facts = config.what().contains(FACTS) ? extract(state, answer.get(), source, context) : List.of();
        WriteReport report;
        if (config.what().contains(ANSWER)) {
            report = memory.record(new Episode(context.runId(), state.question(), answer.get(), Instant.now(), facts));
        } else if (!facts.isEmpty()) {
            report = memory.remember(facts);
        } else {
            report = WriteReport.NOTHING;
        }
        context.note(
                String.format(
                        Locale.ROOT,
                        "stored: %d episode, %d new facts, %d confirmed, %d new concepts",
                        report.episodes(),
                        report.factsCreated(),
                        report.factsConfirmed(),
                        report.conceptsCreated()),
                "provenance " + source.uri());
        return state;
    }

    private List<Fact> extract(ThoughtState state, String answer, Provenance source, StepContext context) {
        Prompt prompt = PromptFitter.of(env.templates(), state, ModulePrompts.system(env.templates()))
                .task(NAME, "facts")
                .quoting("answer", answer)
                .with("maxFacts", config.maxFacts())
                .structured(schema)
                .fit(context, config.maxTokens());
        StructuredResult r =
                context.model().generateJson(prompt, schema, context.params().withMaxNewTokens(config.maxTokens()));
        if (!r.valid()) {
            context.note("no facts extracted", r.status() + ": " + String.join("; ", r.errors()));
            return List.of();
        }
        List<Fact> facts = new ArrayList<>();
        int blank = 0;
        for (JsonNode f : r.value().get("facts")) {
            String s = f.get("subject").asText().strip();
            String p = f.get("predicate").asText().strip();
            String o = f.get("object").asText().strip();
            if (s.isEmpty() || p.isEmpty() || o.isEmpty()) {
                blank++;
                continue;
            }
            facts.add(
                    Fact.of(s, p, o, source).withConfidence(config.confidence()).nonExclusive());
            context.note("fact: " + s + " | " + p + " | " + o, "extracted from the question and answer");
        }
        if (blank > 0) {
            context.note(blank + " facts left out", "a part was only whitespace");
        }
        return facts;
    }

    public static final class Factory extends ModuleFactory<Config> {
        public Factory() {
            super(
                    NAME,
                    "Stores the episode and the facts extracted from it (structured output) in memory.",
                    Config.class,
                    MemoryWriter::new);
        }
    }
}
