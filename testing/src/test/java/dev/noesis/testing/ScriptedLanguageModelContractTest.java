package dev.noesis.testing;

import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;

/** The shared test double keeps the port's contract, so tests of orchestration logic see what a real model does. */
class ScriptedLanguageModelContractTest extends LanguageModelContract {

    private static final String PROSE = ("Air pressure falls with height, and water boils when its vapour pressure"
                    + " reaches the pressure of the air above it. ")
            .repeat(5);

    private final ScriptedLanguageModel model = new ScriptedLanguageModel(
            p -> asksForJson(p) ? "{\"answer\": \"lower air pressure\", \"sure\": true}" : PROSE);

    private static boolean asksForJson(Prompt p) {
        return p.system().contains("JSON")
                || p.messages().stream().map(Message::content).anyMatch(c -> c.contains("JSON"));
    }

    @Override
    protected LanguageModel model() {
        return model;
    }

    @Override
    protected int contextLength() {
        return model.contextLength();
    }

    @Override
    protected boolean samples() {
        return false;
    }
}
