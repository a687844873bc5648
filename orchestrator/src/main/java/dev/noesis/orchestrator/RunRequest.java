package dev.noesis.orchestrator;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.run.Budget;
import java.util.List;
import java.util.Objects;

/**
 * What a run is asked to do.
 *
 * @param question the question
 * @param history  earlier turns of the conversation, oldest first
 * @param params   generation settings for the run's model calls
 * @param budget   the run's limits
 * @param answer   receives the text of answer drafts as they are generated (e.g. to print them live)
 * @param reuseCache let consecutive model calls of the run share a session, so that a backend with
 *                   a KV cache computes a shared prompt beginning once (on by default)
 */
public record RunRequest(
        String question,
        List<Message> history,
        GenerationParams params,
        Budget budget,
        TokenListener answer,
        boolean reuseCache) {

    public RunRequest {
        Objects.requireNonNull(question, "question");
        history = List.copyOf(history == null ? List.of() : history);
        params = params == null ? GenerationParams.DEFAULTS : params;
        budget = budget == null ? Budget.DEFAULT : budget;
        answer = answer == null ? TokenListener.NONE : answer;
    }

    public static RunRequest of(String question) {
        return new RunRequest(question, List.of(), GenerationParams.DEFAULTS, Budget.DEFAULT, TokenListener.NONE, true);
    }

    public RunRequest withHistory(List<Message> h) {
        return new RunRequest(question, h, params, budget, answer, reuseCache);
    }

    public RunRequest withParams(GenerationParams p) {
        return new RunRequest(question, history, p, budget, answer, reuseCache);
    }

    public RunRequest withBudget(Budget b) {
        return new RunRequest(question, history, params, b, answer, reuseCache);
    }

    public RunRequest withAnswerListener(TokenListener l) {
        return new RunRequest(question, history, params, budget, l, reuseCache);
    }

    public RunRequest withCacheReuse(boolean reuse) {
        return new RunRequest(question, history, params, budget, answer, reuse);
    }
}
