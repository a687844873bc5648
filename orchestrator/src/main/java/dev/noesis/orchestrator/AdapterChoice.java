package dev.noesis.orchestrator;

import dev.noesis.core.error.InvalidInputException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A LoRA adapter a pipeline names, for the whole run or for one step, and where it is written.
 * {@code base} (or {@code none}) names the base model: on a step, it runs that step on the base
 * whatever the run's adapter is.
 *
 * @param name the adapter's name as registered, or {@code base}
 * @param at   where the pipeline names it, for the error when no such adapter is registered
 */
public record AdapterChoice(String name, Position at) {

    /** The names registered adapters may have (the registry's rule), so that a typo is caught when the file is read. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public AdapterChoice {
        Objects.requireNonNull(name, "name");
        at = at == null ? Position.NONE : at;
        name = name.strip();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(at + ": expected an adapter name (letters, digits, '.', '_' or '-', at most"
                    + " 64) or base, not '" + name + "'.");
        }
        if (name.equalsIgnoreCase("auto")) {
            throw new InvalidInputException(at + ": 'auto' is not an adapter; to let the router choose, put an"
                    + " adapter-router step before the steps that generate.");
        }
    }

    /** An adapter named in code, e.g. by a request ({@code PIPELINE@ADAPTER}). */
    public static AdapterChoice of(String name) {
        return new AdapterChoice(name, Position.NONE);
    }

    /** Whether it names the base model ({@code base} or {@code none}). */
    public boolean base() {
        return isBase(name);
    }

    /** Whether {@code adapter} names the base model: null, {@code base} or {@code none}. */
    public static boolean isBase(String adapter) {
        if (adapter == null) {
            return true;
        }
        String a = adapter.strip().toLowerCase(Locale.ROOT);
        return a.equals("base") || a.equals("none");
    }
}
