package dev.noesis.experiments.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where two experiment configs first differ, walking both in canonical order (keys sorted, arrays by
 * index), so that a refusal can say what changed instead of only that the hashes differ.
 *
 * @param path  the dotted path of the first difference, e.g. {@code generation.temperature} or {@code pipelines[1]}
 * @param left  the value there in the first config, as canonical JSON, or "(absent)"
 * @param right the value there in the second config, as canonical JSON, or "(absent)"
 */
public record ConfigDifference(String path, String left, String right) {

    static final String ABSENT = "(absent)";

    /** The first difference between two configs, or empty when they are equal in canonical form. */
    public static Optional<ConfigDifference> first(JsonNode left, JsonNode right) {
        return walk("", CanonicalJson.normalise(left), CanonicalJson.normalise(right));
    }

    private static Optional<ConfigDifference> walk(String path, JsonNode left, JsonNode right) {
        if (left == null || right == null) {
            return Optional.of(new ConfigDifference(display(path), show(left), show(right)));
        }
        if (left.isObject() && right.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            left.fieldNames().forEachRemaining(names::add);
            right.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                Optional<ConfigDifference> d =
                        walk(path.isEmpty() ? name : path + "." + name, left.get(name), right.get(name));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (left.isArray() && right.isArray()) {
            for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
                Optional<ConfigDifference> d = walk(path + "[" + i + "]", left.get(i), right.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return left.equals(right)
                ? Optional.empty()
                : Optional.of(new ConfigDifference(display(path), show(left), show(right)));
    }

    private static String display(String path) {
        return path.isEmpty() ? "(the whole config)" : path;
    }

    private static String show(JsonNode value) {
        if (value == null) {
            return ABSENT;
        }
        String text = CanonicalJson.of(value);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
