package dev.noesis.experiments.run.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.testing.ScriptedLanguageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingLanguageModelTest {

    private static final ModelIdentity MODEL = ModelIdentity.folder("models/tiny", "sha256:aa");
    private static final Prompt PROMPT = Prompt.of("Be brief.", "What is 2 + 2?");
    private static final GenerationParams PARAMS = GenerationParams.DEFAULTS;

    @TempDir
    Path work;

    private ModelCallCache cache;
    private AtomicInteger counter;
    private ScriptedLanguageModel scripted;

    @BeforeEach
    void open() {
        cache = ModelCallCache.open(work.resolve("cache"), 10_000_000);
        counter = new AtomicInteger();
        // A new reply every call: a hit is the only way two calls can give the same text.
        scripted = new ScriptedLanguageModel(p -> "answer " + counter.incrementAndGet());
    }

    private CachingLanguageModel model(ModelIdentity id, String adapter) {
        return new CachingLanguageModel(scripted, id, adapter, cache, true);
    }

    @Test
    void aHitReturnsTheSameCompletionAndIsCounted() {
        CachingLanguageModel model = model(MODEL, null);
        Completion first = model.generate(PROMPT, PARAMS);
        List<String> streamed = new ArrayList<>();
        Completion second = model.generate(PROMPT, PARAMS, streamed::add);
        assertThat(second).isEqualTo(first);
        assertThat(String.join("", streamed)).isEqualTo(first.text());
        assertThat(scripted.prompts).hasSize(1);
        assertThat(model.calls()).isEqualTo(2);
        assertThat(model.hits()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void entriesSurviveARestart() {
        Completion first = model(MODEL, null).generate(PROMPT, PARAMS);
        cache = ModelCallCache.open(work.resolve("cache"), 10_000_000);
        assertThat(model(MODEL, null).generate(PROMPT, PARAMS)).isEqualTo(first);
        assertThat(scripted.prompts).hasSize(1);
    }

    @Test
    void theSwitchBypassesTheCache() {
        CachingLanguageModel off = new CachingLanguageModel(scripted, MODEL, null, cache, false);
        Completion a = off.generate(PROMPT, PARAMS);
        Completion b = off.generate(PROMPT, PARAMS);
        assertThat(a.text()).isNotEqualTo(b.text());
        assertThat(off.hits()).isZero();
        assertThat(cache.size()).isZero();
    }

    @Test
    void perItemViewsCountTheirOwnHits() {
        CachingLanguageModel shared = model(MODEL, null);
        shared.forItem().generate(PROMPT, PARAMS);
        CachingLanguageModel item = shared.forItem();
        item.generate(PROMPT, PARAMS);
        item.generate(Prompt.of("other"), PARAMS);
        assertThat(item.calls()).isEqualTo(2);
        assertThat(item.hits()).isEqualTo(1);
        assertThat(shared.calls()).isZero();
    }

    // One test per key component: changing it alone must miss.

    private void assertMisses(CachingLanguageModel changedModel, Prompt prompt, GenerationParams params) {
        Completion base = model(MODEL, null).generate(PROMPT, PARAMS);
        Completion changed = changedModel.generate(prompt, params);
        assertThat(changed.text()).isNotEqualTo(base.text());
        assertThat(scripted.prompts).hasSize(2);
        // ... and the unchanged call still hits.
        assertThat(model(MODEL, null).generate(PROMPT, PARAMS)).isEqualTo(base);
    }

    @Test
    void anotherModelLocationMisses() {
        assertMisses(model(ModelIdentity.folder("models/other", "sha256:aa"), null), PROMPT, PARAMS);
    }

    @Test
    void otherWeightsMiss() {
        assertMisses(model(ModelIdentity.folder("models/tiny", "sha256:bb"), null), PROMPT, PARAMS);
    }

    @Test
    void anotherServedModelMisses() {
        assertMisses(model(ModelIdentity.server("models/tiny", "q4"), null), PROMPT, PARAMS);
    }

    @Test
    void anAdapterMisses() {
        assertMisses(model(MODEL, "math-lora"), PROMPT, PARAMS);
    }

    @Test
    void anotherSystemTextMisses() {
        assertMisses(model(MODEL, null), Prompt.of("Be verbose.", "What is 2 + 2?"), PARAMS);
    }

    @Test
    void anotherQuestionMisses() {
        assertMisses(model(MODEL, null), Prompt.of("Be brief.", "What is 2 + 3?"), PARAMS);
    }

    @Test
    void anEarlierMessageMisses() {
        Prompt longer = new Prompt(
                "Be brief.",
                List.of(Message.user("Hi"), Message.assistant("Hello"), Message.user("What is 2 + 2?")),
                null);
        assertMisses(model(MODEL, null), longer, PARAMS);
    }

    @Test
    void anotherRoleMisses() {
        Prompt assistant = new Prompt("Be brief.", List.of(Message.assistant("What is 2 + 2?")), null);
        assertMisses(model(MODEL, null), assistant, PARAMS);
    }

    @Test
    void anotherMaxTokensMisses() {
        assertMisses(model(MODEL, null), PROMPT, PARAMS.withMaxNewTokens(100));
    }

    @Test
    void anotherTemperatureMisses() {
        assertMisses(model(MODEL, null), PROMPT, PARAMS.withTemperature(0.7));
    }

    @Test
    void anotherTopPMisses() {
        assertMisses(model(MODEL, null), PROMPT, PARAMS.withTopP(0.9));
    }

    @Test
    void anotherSeedMisses() {
        assertMisses(model(MODEL, null), PROMPT, PARAMS.withSeed(7));
    }

    @Test
    void anotherStopSequenceMisses() {
        assertMisses(model(MODEL, null), PROMPT, PARAMS.withStopSequences(List.of("\n")));
    }

    @Test
    void aSessionIdDoesNotChangeTheKey() {
        Completion base = model(MODEL, null).generate(PROMPT, PARAMS);
        assertThat(model(MODEL, null).generate(PROMPT.withSession("s1"), PARAMS))
                .isEqualTo(base);
    }

    @Test
    void aSchemaMissesAndStructuredResultsAreCachedToo() {
        scripted = new ScriptedLanguageModel(p -> "{\"answer\": \"" + counter.incrementAndGet() + "\"}");
        JsonSchema schema = JsonSchema.parse(
                "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}},\"required\":[\"answer\"]}");
        JsonSchema other = JsonSchema.parse(
                "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\",\"maxLength\":3}},\"required\":[\"answer\"]}");
        CachingLanguageModel model = model(MODEL, null);
        StructuredResult first = model.generateJson(PROMPT, schema, PARAMS);
        assertThat(first.valid()).isTrue();
        assertThat(model.generateJson(PROMPT, schema, PARAMS)).isEqualTo(first);
        StructuredResult changed = model.generateJson(PROMPT, other, PARAMS);
        assertThat(changed.value()).isNotEqualTo(first.value());
        Completion plain = model.generate(PROMPT, PARAMS);
        assertThat(plain.text()).as("a plain call is not the structured one").isNotEqualTo(first.rawText());
        assertThat(model.hits()).isEqualTo(1);
    }

    @Test
    void theBoundEvictsTheLeastRecentlyUsed() throws Exception {
        cache = ModelCallCache.open(work.resolve("small"), 3_000);
        CachingLanguageModel model = model(MODEL, null);
        List<Completion> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(model.generate(Prompt.of("q" + i), PARAMS));
        }
        long entry = cache.bytes() / 3;
        assertThat(cache.size()).isEqualTo(3);
        // Use q0 again, so that q1 is now the least recently used; then add entries until one must go.
        assertThat(model.generate(Prompt.of("q0"), PARAMS)).isEqualTo(first.get(0));
        int added = 3;
        while (cache.bytes() + entry <= 3_000) {
            model.generate(Prompt.of("q" + added++), PARAMS);
        }
        model.generate(Prompt.of("q" + added), PARAMS);
        assertThat(cache.bytes()).isLessThanOrEqualTo(3_000);
        long before = scripted.prompts.size();
        assertThat(model.generate(Prompt.of("q0"), PARAMS))
                .as("recently used: kept")
                .isEqualTo(first.get(0));
        assertThat(scripted.prompts).hasSize((int) before);
        assertThat(model.generate(Prompt.of("q1"), PARAMS))
                .as("least recently used: evicted")
                .isNotEqualTo(first.get(1));
        // On disk too, after a restart.
        try (Stream<Path> files = Files.walk(work.resolve("small"))) {
            long onDisk = files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
            assertThat(onDisk).isLessThanOrEqualTo(3_000);
        }
        assertThat(ModelCallCache.open(work.resolve("small"), 3_000).bytes()).isLessThanOrEqualTo(3_000);
    }

    @Test
    void aTornOrForeignEntryIsNeverServed() throws Exception {
        Completion first = model(MODEL, null).generate(PROMPT, PARAMS);
        Path entry;
        try (Stream<Path> files = Files.walk(work.resolve("cache"))) {
            entry = files.filter(p -> p.toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow();
        }
        String whole = Files.readString(entry);
        Files.writeString(entry, whole.substring(0, whole.length() / 2));
        cache = ModelCallCache.open(work.resolve("cache"), 10_000_000);
        Completion again = model(MODEL, null).generate(PROMPT, PARAMS);
        assertThat(again.text()).isNotEqualTo(first.text());
        // An entry holding another key under this name (a collision, an edit) is not served either.
        Files.writeString(entry, whole.replace("What is 2 + 2?", "What is 9 + 9?"));
        cache = ModelCallCache.open(work.resolve("cache"), 10_000_000);
        assertThat(model(MODEL, null).generate(PROMPT, PARAMS).text()).isNotEqualTo(first.text());
    }
}
