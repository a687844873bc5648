package dev.noesis.orchestrator;

import dev.noesis.core.model.Prompt;
import dev.noesis.testing.ScriptedLanguageModel;
import java.util.function.Function;

/**
 * The shared scripted model with fixed figures per call (10 prompt tokens, 3 ms prompt, 5 ms
 * generation), so that tests can check the sums a run reports.
 */
class ScriptedModel extends ScriptedLanguageModel {

    ScriptedModel(Function<Prompt, String> answer) {
        super(answer);
        withFigures(new Figures(10, 3, 5));
    }
}
