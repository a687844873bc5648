package dev.noesis.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.core.retrieval.Retriever;
import dev.noesis.core.trace.Note;
import dev.noesis.core.trace.Span;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.testing.TinyModels;
import dev.noesis.modules.DefaultModuleEnvironment;
import dev.noesis.modules.ResourceTemplates;
import dev.noesis.orchestrator.pipeline.ModuleRegistry;
import dev.noesis.orchestrator.pipeline.Pipelines;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in rag pipeline over an index with long chunks, through the real tiny Jlama model
 * (a 2,048-token context): the evidence is fitted to the context and the run completes, where the
 * whole evidence would overflow it.
 */
class LongEvidenceOnJlamaTest {

    private static final String QUESTION = "Which river flows through the old town here?";
    private static JlamaLanguageModel model;

    @BeforeAll
    static void load() {
        model = JlamaLanguageModel.open(TinyModels.standard());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** An index whose chunks are long: five passages of about 2,500 characters each, best first. */
    private static final class LongChunks implements Retriever {
        @Override
        public String name() {
            return "index";
        }

        @Override
        public List<Passage> retrieve(RetrievalQuery query) {
            List<Passage> out = new ArrayList<>();
            for (int i = 1; i <= query.k(); i++) {
                StringBuilder text = new StringBuilder("Chunk " + i + " of the town guide.");
                while (text.length() < 2500) {
                    text.append(" The river bends past the market square and the bridge of stone number ")
                            .append(i)
                            .append('.');
                }
                out.add(new Passage(
                        text.toString(), "guide.md", "guide.md", "Guide", "guide.md#" + i, 1.0 / i, List.of()));
            }
            return out;
        }
    }

    @Test
    void ragWithLongChunksCompletesWithTheEvidenceFittedAndNoted() {
        Retriever index = new LongChunks();
        ModuleRegistry registry = ModuleRegistry.load(new DefaultModuleEnvironment(
                new ResourceTemplates(Optional.empty()), () -> Optional.of(index), Optional::empty));
        Pipeline rag = new Pipelines(registry, Optional.empty()).get("rag");
        GenerationParams params = GenerationParams.DEFAULTS.withMaxNewTokens(64);

        StringBuilder all = new StringBuilder(QUESTION).append("\n\nEvidence:\n");
        for (Passage p : index.retrieve(RetrievalQuery.of(QUESTION, 5))) {
            all.append(p.text()).append('\n');
        }
        assertThat(model.countTokens(new Prompt("", List.of(Message.user(all.toString())), null)))
                .as("all the evidence would overflow the context")
                .isGreaterThan(model.contextLength());

        RunResult r = new Orchestrator(model).run(rag, RunRequest.of(QUESTION).withParams(params));

        assertThat(r.outcome()).as(r.stopReason()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(r.answer()).isNotNull();
        assertThat(r.state().evidence()).as("the state keeps every passage").hasSize(5);
        Span generator = r.trace().spans().get(1);
        assertThat(generator.module()).isEqualTo("generator");
        assertThat(generator.failed()).isFalse();
        assertThat(generator.calls().get(0).promptTokens() + 64).isLessThanOrEqualTo(model.contextLength());
        assertThat(generator.notes())
                .extracting(Note::what)
                .anySatisfy(w -> assertThat(w)
                        .startsWith("left out of the prompt: evidence ")
                        .contains("[5]"));
        String sent = generator.calls().get(0).prompt().messages().get(0).content();
        assertThat(sent).contains("[1] Chunk 1 of the town guide.").doesNotContain("Chunk 5 of");
    }
}
