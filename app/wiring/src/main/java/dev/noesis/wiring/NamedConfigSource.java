package dev.noesis.wiring;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** A configuration source whose name reads well in an error ("from command-line flags", "in ~/.noesis/noesis.properties"). */
final class NamedConfigSource implements ConfigSource {

    private final String name;
    private final Map<String, String> values;
    private final int ordinal;

    NamedConfigSource(String name, Map<String, String> values, int ordinal) {
        this.name = name;
        this.values = Map.copyOf(values);
        this.ordinal = ordinal;
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String key) {
        return values.get(key);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ordinal;
    }
}
