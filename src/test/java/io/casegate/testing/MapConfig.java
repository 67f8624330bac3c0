package io.casegate.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

import io.casegate.platform.DurationConverter;

/**
 * MicroProfile Config over a map (and optionally over another configuration), for tests of code
 * that reads its settings from a {@link Config}. Values convert as the container converts them, with Casegate's own duration
 * converter for {@link Duration}.
 */
public final class MapConfig implements Config {

    private final Map<String, String> values;
    private final Optional<Config> base;

    private MapConfig(Map<String, String> values, Optional<Config> base) {
        this.values = Map.copyOf(values);
        this.base = base;
    }

    public static Config of(Map<String, String> values) {
        return new MapConfig(values, Optional.empty());
    }

    /** {@code base} with some of its values replaced: the deployment's settings with other credentials, say. */
    public static Config over(Config base, Map<String, String> values) {
        return new MapConfig(values, Optional.of(base));
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        if (!values.containsKey(name)) {
            return base.flatMap(config -> config.getOptionalValue(name, type));
        }
        return Optional.of(values.get(name)).filter(value -> !value.isEmpty()).map(value -> convert(value, type));
    }

    private static <T> T convert(String value, Class<T> type) {
        Object converted;
        if (type == Duration.class) {
            converted = new DurationConverter().convert(value);
        } else if (type == Integer.class || type == int.class) {
            converted = Integer.valueOf(value.strip());
        } else if (type == Long.class || type == long.class) {
            converted = Long.valueOf(value.strip());
        } else if (type == Boolean.class || type == boolean.class) {
            converted = Boolean.valueOf(value.strip());
        } else {
            converted = value;
        }
        @SuppressWarnings("unchecked")
        T result = (T) converted;
        return result;
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
