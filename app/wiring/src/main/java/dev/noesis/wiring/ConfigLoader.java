package dev.noesis.wiring;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationOverrides;
import dev.noesis.core.model.GenerationParams;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Builds {@link NoesisConfig} from its sources (see there for the order), and turns SmallRye's
 * validation problems into one line a person can act on: the key, the value, where it came from
 * and what was expected.
 */
final class ConfigLoader {

    static final String FLAGS = "command-line flags";
    private static final Pattern CONVERSION = Pattern.compile(
            "SRCFG00039: The config property (\\S+) with the config value \"(.*)\" threw an Exception whilst being converted (.*)",
            Pattern.DOTALL);
    private static final Pattern UNMAPPED =
            Pattern.compile("SRCFG00050: (\\S+) in .* does not map to any root", Pattern.DOTALL);
    private static final Pattern SRCFG_CODE = Pattern.compile("SRCFG\\d+: ");

    private ConfigLoader() {}

    static NoesisConfig load(Map<String, String> env, Properties system, Map<String, String> flags) {
        Path home = home(env, system, flags);
        List<ConfigSource> sources = sources(home, env, system, flags);
        NoesisConfig config;
        try {
            config = new SmallRyeConfigBuilder()
                    .withSources(sources)
                    .withMapping(NoesisConfig.class)
                    .build()
                    .getConfigMapping(NoesisConfig.class);
        } catch (ConfigValidationException e) {
            throw new InvalidInputException(
                    describe(e, new SmallRyeConfigBuilder().withSources(sources).build()), e);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new InvalidInputException(
                    "Configuration: "
                            + SRCFG_CODE.matcher(String.valueOf(e.getMessage())).replaceAll(""),
                    e);
        }
        check(config, new SmallRyeConfigBuilder().withSources(sources).build());
        return config;
    }

    /**
     * {@code noesis.home} as a flag (an experiment's data home), else as a system property, else
     * {@code NOESIS_HOME}, else {@code ~/.noesis}; always absolute, never a file. Everything that
     * defaults under the home (memory, models, the properties file) follows it.
     */
    static Path home(Map<String, String> env, Properties system, Map<String, String> flags) {
        String h = flags.getOrDefault("noesis.home", system.getProperty("noesis.home", env.get("NOESIS_HOME")));
        Path home = h == null || h.isBlank()
                ? Path.of(system.getProperty("user.home"), ".noesis")
                : Path.of(h).toAbsolutePath();
        if (Files.exists(home) && !Files.isDirectory(home)) {
            throw new InvalidInputException(
                    "The Noesis home " + home + " (noesis.home or NOESIS_HOME) is a file; it must be a folder.");
        }
        return home.normalize();
    }

    private static List<ConfigSource> sources(
            Path home, Map<String, String> env, Properties system, Map<String, String> flags) {
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(new NamedConfigSource("the Noesis home", Map.of("noesis.home", home.toString()), 1000));
        sources.add(new NamedConfigSource(FLAGS, flags, 500));
        Map<String, String> props = new HashMap<>();
        system.stringPropertyNames().stream()
                .filter(k -> k.startsWith("noesis."))
                .forEach(k -> props.put(k, system.getProperty(k)));
        sources.add(new NamedConfigSource("system properties", props, 400));
        sources.add(new EnvConfigSource(env, 300));
        HomeConfigSource.in(home).ifPresent(sources::add);
        // The Hugging Face tools' own variables, weaker than any noesis.hub.* setting.
        Map<String, String> hf = new HashMap<>();
        Optional.ofNullable(system.getProperty("hf.endpoint", env.get("HF_ENDPOINT")))
                .ifPresent(v -> hf.put("noesis.hub.endpoint", v));
        Optional.ofNullable(system.getProperty("hf.token", env.get("HF_TOKEN")))
                .ifPresent(v -> hf.put("noesis.hub.token", v));
        sources.add(new NamedConfigSource("the Hugging Face variables", hf, 150));
        return sources;
    }

    /** Checks SmallRye cannot express: counts that must be positive, and generation settings as a run would use them. */
    private static void check(NoesisConfig c, SmallRyeConfig raw) {
        atLeastOne(raw, "noesis.threads", c.threads());
        atLeastOne(raw, "noesis.embeddings.threads", c.embeddings().threads());
        if (c.server().queue() < 0) {
            throw new InvalidInputException(problem(raw, "noesis.server.queue", "must be 0 or more") + ".");
        }
        atLeastOne(raw, "noesis.server.max-calls", Optional.of(c.server().maxCalls()));
        atLeastOne(raw, "noesis.server.max-tokens", Optional.of(c.server().maxTokens()));
        atLeastOne(raw, "noesis.server.runs-kept", Optional.of(c.server().runsKept()));
        NoesisConfig.Generation g = c.generation();
        generation(
                raw,
                "noesis.generation.max-new-tokens",
                g.maxNewTokens().map(GenerationOverrides.NONE::withMaxNewTokens));
        generation(
                raw, "noesis.generation.temperature", g.temperature().map(GenerationOverrides.NONE::withTemperature));
        generation(raw, "noesis.generation.top-p", g.topP().map(GenerationOverrides.NONE::withTopP));
    }

    private static void atLeastOne(SmallRyeConfig raw, String key, Optional<Integer> value) {
        if (value.isPresent() && value.get() < 1) {
            throw new InvalidInputException(problem(raw, key, "must be at least 1") + ".");
        }
    }

    private static void generation(SmallRyeConfig raw, String key, Optional<GenerationOverrides> one) {
        try {
            one.ifPresent(o -> o.over(GenerationParams.DEFAULTS));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(problem(raw, key, e.getMessage().replaceAll("\\.$", "")) + ".");
        }
    }

    private static String describe(ConfigValidationException e, SmallRyeConfig raw) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < e.getProblemCount(); i++) {
            String message = e.getProblem(i).getMessage().replaceFirst("^java\\.lang\\.IllegalArgumentException: ", "");
            Matcher conversion = CONVERSION.matcher(message);
            Matcher unmapped = UNMAPPED.matcher(message);
            if (conversion.matches()) {
                String expected =
                        SRCFG_CODE.matcher(conversion.group(3)).replaceAll("").replaceAll(", got \".*\"$", "");
                lines.add(problem(raw, conversion.group(1), lower(expected)) + ".");
            } else if (unmapped.matches()) {
                lines.add("Configuration " + unmapped.group(1) + " (" + source(raw, unmapped.group(1))
                        + ") is not a Noesis setting;" + " see the README's list of keys.");
            } else {
                lines.add("Configuration: " + SRCFG_CODE.matcher(message).replaceAll("") + ".");
            }
        }
        return String.join(" ", lines);
    }

    /** "Configuration KEY is "VALUE" (from SOURCE): WHAT". */
    private static String problem(SmallRyeConfig raw, String key, String what) {
        ConfigValue v = raw.getConfigValue(key);
        return "Configuration " + key + " is \"" + (v.getRawValue() == null ? "" : v.getRawValue()) + "\" ("
                + source(raw, key) + "): " + what;
    }

    private static String source(SmallRyeConfig raw, String key) {
        String name = raw.getConfigValue(key).getSourceName();
        if (name == null) {
            return "source unknown";
        }
        return name.startsWith("EnvConfigSource")
                ? "from the environment"
                : name.endsWith(HomeConfigSource.FILE) ? "in " + name : "from " + name;
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
