package dev.noesis.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.memory.Episode;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Memory;
import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.memory.WriteReport;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.core.retrieval.Retriever;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.Evidence;
import dev.noesis.core.thought.ThoughtState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The retriever and memory-write modules with test doubles of the index, memory and model. */
class EvidenceModulesTest {

    private static final ThoughtState QUESTION = ThoughtState.of("Who discovered radium, and where?");

    /** An index that answers each query from a fixed table, and records the queries. */
    private static final class TableIndex implements Retriever {
        final List<RetrievalQuery> queries = new ArrayList<>();
        private final Map<String, List<Passage>> table;

        TableIndex(Map<String, List<Passage>> table) {
            this.table = table;
        }

        @Override
        public String name() {
            return "index";
        }

        @Override
        public List<Passage> retrieve(RetrievalQuery query) {
            queries.add(query);
            return table.getOrDefault(query.text(), List.of()).stream()
                    .limit(query.k())
                    .toList();
        }
    }

    /** A memory that recalls fixed statements and keeps what is written to it. */
    private static final class ListMemory implements Memory {
        final List<String> cues = new ArrayList<>();
        final List<RecallOptions> options = new ArrayList<>();
        final List<Episode> episodes = new ArrayList<>();
        final List<List<Fact>> remembered = new ArrayList<>();
        private final List<MemoryStatement> statements;

        ListMemory(List<MemoryStatement> statements) {
            this.statements = statements;
        }

        @Override
        public WriteReport remember(List<Fact> facts) {
            remembered.add(facts);
            return new WriteReport(0, facts.size(), 0, 0, 0);
        }

        @Override
        public WriteReport record(Episode episode) {
            episodes.add(episode);
            return new WriteReport(0, episode.facts().size(), 0, 0, 1);
        }

        @Override
        public RecallResult recall(String cue, RecallOptions o) {
            cues.add(cue);
            options.add(o);
            return new RecallResult(cue, List.of(), List.of(), List.of(), statements);
        }
    }

    private static Passage passage(String chunk, String text, double score) {
        return new Passage(
                text,
                chunk.substring(0, chunk.indexOf('#')),
                "/docs/" + chunk.substring(0, chunk.indexOf('#')),
                "",
                chunk,
                score,
                List.of());
    }

    private static MemoryStatement statement(String s, String p, String o, String source, double score) {
        return new MemoryStatement(s, p, o, source, score, Optional.empty(), Optional.empty());
    }

    private static DefaultModuleEnvironment env(Retriever index, Memory memory) {
        return new DefaultModuleEnvironment(
                DefaultModuleEnvironment.shipped().templates(),
                () -> Optional.ofNullable(index),
                () -> Optional.ofNullable(memory));
    }

    @Test
    void searchesTheQuestionAndEachSubGoalAndKeepsWhatTwoSearchesFindOnceWithItsBestScore() {
        TableIndex index = new TableIndex(Map.of(
                QUESTION.question(),
                List.of(
                        passage("curie.md#0", "Marie and Pierre Curie discovered radium.", 0.5),
                        passage("paris.md#2", "Their laboratory was in Paris.", 0.2)),
                "find the discoverer",
                List.of(passage("curie.md#0", "Marie and Pierre Curie discovered radium.", 0.9)),
                "find the place",
                List.of(
                        passage("paris.md#2", "Their laboratory was in Paris.", 0.1),
                        passage("lab.md#1", "The shed on rue Lhomond.", 0.3))));
        FakeModel.Context ctx = new FakeModel(p -> "").context();

        ThoughtState out = new EvidenceRetriever(new EvidenceRetriever.Config(2, null, null, null), env(index, null))
                .apply(QUESTION.withPlan(List.of("find the discoverer", "find the place")), ctx);

        assertThat(index.queries)
                .extracting(RetrievalQuery::text)
                .containsExactly(QUESTION.question(), "find the discoverer", "find the place");
        assertThat(index.queries).allSatisfy(q -> assertThat(q.k()).isEqualTo(2));
        assertThat(out.evidence())
                .extracting(Evidence::text)
                .containsExactly(
                        "Marie and Pierre Curie discovered radium.",
                        "Their laboratory was in Paris.",
                        "The shed on rue Lhomond.");
        assertThat(out.evidence().get(0).score()).isEqualTo(0.9);
        assertThat(out.evidence().get(1).score()).isEqualTo(0.2);
        assertThat(out.evidence()).allSatisfy(e -> assertThat(e.module()).isEqualTo("retriever"));
        assertThat(out.evidence().get(2).source()).isEqualTo("/docs/lab.md #1");
        assertThat(ctx.notes)
                .extracting(n -> n.what())
                .contains(
                        "index: 2 found, 2 new, for \"Who discovered radium, and where?\"",
                        "index: 1 found, 0 new, for \"find the discoverer\"",
                        "2 found again by another search, kept once",
                        "evidence: 3 new items, 3 in all");
    }

    @Test
    void withoutPerGoalOnlyTheQuestionIsSearchedAndARepeatedStepAddsNothingTwice() {
        TableIndex index = new TableIndex(Map.of(QUESTION.question(), List.of(passage("curie.md#0", "Radium.", 0.5))));
        var module =
                new EvidenceRetriever(new EvidenceRetriever.Config(3, List.of("index"), false, null), env(index, null));

        ThoughtState once = module.apply(QUESTION.withPlan(List.of("a sub-goal")), new FakeModel(p -> "").context());
        ThoughtState twice = module.apply(once, new FakeModel(p -> "").context());

        assertThat(index.queries)
                .extracting(RetrievalQuery::text)
                .containsExactly(QUESTION.question(), QUESTION.question());
        assertThat(twice.evidence()).hasSize(1);
    }

    @Test
    void memoryStatementsBecomeTriplesWithTheirSources() {
        ListMemory memory = new ListMemory(List.of(
                statement("Marie Curie", "discovered", "radium", "wiki:curie", 0.8),
                statement("radium", "is a", "element", "", 0.4),
                statement("Pierre Curie", "spouse", "Marie Curie", "wiki:pierre", 0.3)));
        FakeModel.Context ctx = new FakeModel(p -> "").context();

        ThoughtState out = new EvidenceRetriever(
                        new EvidenceRetriever.Config(2, List.of("memory"), null, 1), env(null, memory))
                .apply(QUESTION, ctx);

        assertThat(memory.cues).containsExactly(QUESTION.question());
        assertThat(memory.options.get(0).depth()).isEqualTo(1);
        assertThat(out.evidence())
                .extracting(Evidence::text, Evidence::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("(Marie Curie; discovered; radium)", "memory: wiki:curie"),
                        org.assertj.core.groups.Tuple.tuple("(radium; is a; element)", "memory"));
    }

    @Test
    void aMissingIndexOrBadConfigurationSaysWhatToDo() {
        var module = new EvidenceRetriever(new EvidenceRetriever.Config(null, null, null, null), env(null, null));
        assertThatThrownBy(() -> module.apply(QUESTION, new FakeModel(p -> "").context()))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e ->
                        assertThat(((NoesisException) e).remedy().action()).isEqualTo(Remedy.Action.INGEST_DOCUMENTS));
        assertThatThrownBy(() -> new EvidenceRetriever.Config(0, null, null, null))
                .hasMessageContaining("k must be between 1 and 50");
        assertThatThrownBy(() -> new EvidenceRetriever.Config(null, List.of("web"), null, null))
                .hasMessageContaining("index, memory or both");
    }

    @Test
    void memoryWriteRecordsTheEpisodeWithTheExtractedFactsAndTheRunAsSource() {
        FakeModel model = new FakeModel(p -> """
                {"facts": [{"subject": "Marie Curie", "predicate": "discovered", "object": "radium"},
                           {"subject": " ", "predicate": "x", "object": "y"}]}""");
        ListMemory memory = new ListMemory(List.of());
        FakeModel.Context ctx = model.context();
        ThoughtState answered = QUESTION.addDraft(Draft.of("Marie Curie discovered radium in Paris.", "generator"));

        ThoughtState out =
                new MemoryWriter(new MemoryWriter.Config(null, 3, null, 0.5), env(null, memory)).apply(answered, ctx);

        assertThat(out).isEqualTo(answered);
        assertThat(model.lastUserMessage())
                .contains("The answer given was:\nMarie Curie discovered radium in Paris.")
                .contains("at most 3");
        Episode e = memory.episodes.get(0);
        assertThat(e.runId()).isEqualTo("test-run");
        assertThat(e.question()).isEqualTo(QUESTION.question());
        assertThat(e.answer()).isEqualTo("Marie Curie discovered radium in Paris.");
        assertThat(e.facts()).singleElement().satisfies(f -> {
            assertThat(List.of(f.subject(), f.predicate(), f.object()))
                    .containsExactly("Marie Curie", "discovered", "radium");
            assertThat(f.confidence()).isEqualTo(0.5);
            assertThat(f.exclusive()).isFalse();
            assertThat(f.source().uri()).isEqualTo("run:test-run");
        });
        assertThat(ctx.notes)
                .extracting(n -> n.what())
                .contains(
                        "fact: Marie Curie | discovered | radium",
                        "1 facts left out",
                        "stored: 1 episode, 1 new facts, 0 confirmed, 0 new concepts");
    }

    @Test
    void memoryWriteOfFactsAloneUsesRememberAndWithoutAnAnswerStoresNothing() {
        FakeModel model =
                new FakeModel(p -> "{\"facts\": [{\"subject\": \"a\", \"predicate\": \"b\", \"object\": \"c\"}]}");
        ListMemory memory = new ListMemory(List.of());
        var facts = new MemoryWriter(new MemoryWriter.Config(List.of("facts"), null, null, null), env(null, memory));

        facts.apply(QUESTION.withAnswer("c"), model.context());
        FakeModel.Context empty = model.context();
        facts.apply(QUESTION, empty);

        assertThat(memory.episodes).isEmpty();
        assertThat(memory.remembered)
                .singleElement()
                .satisfies(l -> assertThat(l).hasSize(1));
        assertThat(empty.notes)
                .singleElement()
                .satisfies(n -> assertThat(n.what()).isEqualTo("nothing stored"));
        assertThat(model.prompts).hasSize(1);
    }

    @Test
    void memoryWriteWithTheAnswerAloneMakesNoModelCall() {
        FakeModel model = new FakeModel(p -> "unused");
        ListMemory memory = new ListMemory(List.of());

        new MemoryWriter(new MemoryWriter.Config(List.of("answer"), null, null, null), env(null, memory))
                .apply(QUESTION.withAnswer("Marie Curie, in Paris."), model.context());

        assertThat(model.prompts).isEmpty();
        assertThat(memory.episodes)
                .singleElement()
                .satisfies(e -> assertThat(e.facts()).isEmpty());
        assertThatThrownBy(() -> new MemoryWriter.Config(List.of("everything"), null, null, null))
                .hasMessageContaining("answer, facts or both");
    }
}
