package io.socketee.jakarta;

import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the {@code socketio.*} options of an application come from: MicroProfile Config where the runtime has it
 * (system properties, environment variables such as {@code SOCKETIO_PINGINTERVAL}, {@code microprofile-config.properties},
 * whatever sources the server adds), over the web application's context parameters. The first layer that has a name
 * gives its value, so a deployer overrides what the WAR's {@code web.xml} says without repackaging it. Immutable; read
 * on the deploying thread.
 */
final class OptionSource {
    /** One source: a name for messages, a lookup by full name (null when absent), and the names it has. */
    private record Layer(String origin, Function<String, String> lookup, Supplier<Iterable<String>> names) {
    }

    /** A value with the source it came from, for messages. */
    record Value(String text, String origin) {
    }

    private final List<Layer> layers;

    private OptionSource(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** MicroProfile Config (when the application sees it) over the context parameters of {@code context}. */
    static OptionSource of(ServletContext context) {
        return of(context.getClassLoader(), context::getInitParameter,
                () -> Collections.list(context.getInitParameterNames()));
    }

    /** MicroProfile Config (when {@code loader} sees it) over these context parameters. */
    static OptionSource of(ClassLoader loader, Function<String, String> contextParams,
                           Supplier<Iterable<String>> contextParamNames) {
        Layer params = new Layer("context parameter", contextParams, contextParamNames);
        if (!OptionalApis.visible(OptionalApis.MICROPROFILE_CONFIG, loader)) {
            return new OptionSource(List.of(params));
        }
        return MicroProfileOptions.find(loader)
                .map(config -> new OptionSource(List.of(new Layer("MicroProfile Config", config::value,
                        config::names), params)))
                .orElseGet(() -> new OptionSource(List.of(params)));
    }

    /** Only these parameters (full names), as context parameters. */
    static OptionSource of(Map<String, String> params) {
        Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        return new OptionSource(List.of(new Layer("context parameter", copy::get, copy::keySet)));
    }

    /** The value of the full name {@code name}, from the first layer that has it. */
    Optional<Value> value(String name) {
        for (Layer layer : layers) {
            String text = layer.lookup().apply(name);
            if (text != null) {
                return Optional.of(new Value(text, layer.origin()));
            }
        }
        return Optional.empty();
    }

    /** Every name under {@code prefix} that some layer has, sorted. */
    Set<String> names(String prefix) {
        Set<String> names = new TreeSet<>();
        for (Layer layer : layers) {
            for (String name : layer.names().get()) {
                if (name.startsWith(prefix)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
