package dev.noesis.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.experiments.log.ItemRecord;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the run's answers were given and taken out, in one sentence for the report: free text or
 * structured under each suite's answer schema (the config's {@code structured}), and how many item
 * runs each extraction rule answered, so a reader sees how often extraction found nothing.
 */
final class AnswerFormat {

    private AnswerFormat() {}

    static String sentence(JsonNode config, List<ItemRecord> items) {
        boolean structured = config != null && config.path("structured").asBoolean(false);
        Map<String, Integer> rules = new TreeMap<>();
        int none = 0;
        for (ItemRecord item : items) {
            if (item.extracted() == null) {
                none++;
            } else {
                rules.merge(item.extracted().rule(), 1, Integer::sum);
            }
        }
        StringBuilder s = new StringBuilder(
                structured ? "structured: each final answer was generated under its suite's JSON schema" : "free text");
        if (!rules.isEmpty() || none > 0) {
            s.append("; extraction rules: ");
            StringBuilder list = new StringBuilder();
            rules.forEach((rule, n) -> list.append(list.isEmpty() ? "" : ", ")
                    .append(rule)
                    .append(' ')
                    .append(Numbers.count(n)));
            if (none > 0) {
                list.append(list.isEmpty() ? "" : ", ").append("no output ").append(Numbers.count(none));
            }
            s.append(list);
        }
        return s.append('.').toString();
    }

    /**
     * How many item runs a resumed run retried after they had failed, and how they ended; empty when none
     * was, so that a number that needed a second try is never taken for a first one.
     */
    static String retries(List<ItemRecord> items) {
        int retried = 0;
        int completed = 0;
        for (ItemRecord item : items) {
            if (item.attemptNumber() > 1) {
                retried++;
                if (item.outcome() != dev.noesis.experiments.log.Outcome.FAILED) {
                    completed++;
                }
            }
        }
        if (retried == 0) {
            return "";
        }
        return Numbers.count(retried) + " item runs had failed and were run again on resume; "
                + Numbers.count(completed) + " of them no longer failed, and their latest attempt is what is scored.";
    }
}
