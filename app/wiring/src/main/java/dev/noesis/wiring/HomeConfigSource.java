package dev.noesis.wiring;

import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The file {@code noesis.properties} in the Noesis home, as a configuration source of its own:
 * weaker than the environment and system properties, stronger than the built-in defaults.
 */
public final class HomeConfigSource {

    public static final String FILE = "noesis.properties";
    public static final int ORDINAL = 250;

    private HomeConfigSource() {}

    /** The file's source, or empty when the home has no such file. */
    public static Optional<ConfigSource> in(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("The configuration file " + file + " is not UTF-8 text.", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("Cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
        return Optional.of(new NamedConfigSource(file.toString(), values, ORDINAL));
    }
}
