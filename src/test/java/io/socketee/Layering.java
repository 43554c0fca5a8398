package io.socketee;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;

/**
 * The layer table of the shared style guide ("The house") as ArchUnit rules, for the packages under one base package:
 * {@code io.socketee} for the library ({@link LayeringTest}), a tree of fixtures for the rules' own test
 * (LayeringRulesTest). Bottom to top:
 *
 * <pre>
 * Engine.IO core       engineio, engineio.protocol, engineio.spi, engineio.internal    JDK only
 * Engine.IO bindings   engineio.servlet, engineio.websocket                           servlet and WebSocket APIs
 * Socket.IO base       socketio.internal, socketio.protocol (and .msgpack),           JDK and JSON-P/JSON-B
 *                      socketio.core
 * adapter SPI          socketio.adapter                                               JDK and JSON-P/JSON-B
 * Socket.IO server     socketio                                                       JDK and JSON-P/JSON-B
 * Redis adapter        socketio.redis (and .internal)                                 Lettuce in its driver only
 * CDI binding          socketio.cdi                                                   CDI
 * Micrometer binding   micrometer                                                     Micrometer
 * Jakarta glue         jakarta                                                        anything
 * </pre>
 *
 * A package may use its own layer and the ones the table lets it: Engine.IO knows nothing of Socket.IO, the bindings
 * see the Engine.IO core, the adapters see the Socket.IO layers below them and never a binding, and only the glue sees
 * everything. Every class must sit in a layer, and no two packages may depend on each other, even within one layer.
 */
final class Layering {
    private static final String[] SERVLET_AND_WEBSOCKET = {"jakarta.servlet..", "jakarta.websocket.."};
    private static final String[] CDI = {"jakarta.enterprise..", "jakarta.inject..", "jakarta.interceptor..",
        "jakarta.decorator.."};
    /** Lettuce and what its API brings along. */
    private static final String[] LETTUCE = {"io.lettuce..", "io.netty..", "reactor.."};

    private static final String ENGINE_CORE = "Engine.IO core";
    private static final String ENGINE_BINDINGS = "Engine.IO bindings";
    private static final String SOCKETIO_BASE = "Socket.IO base";
    private static final String ADAPTER_SPI = "adapter SPI";
    private static final String SOCKETIO_SERVER = "Socket.IO server";
    private static final String REDIS = "Redis adapter";
    private static final String CDI_BINDING = "CDI binding";
    private static final String MICROMETER_BINDING = "Micrometer binding";
    private static final String GLUE = "Jakarta glue";

    private final String base;

    private Layering(String base) {
        this.base = base;
    }

    /** The rules for the packages under {@code base}. */
    static Layering under(String base) {
        return new Layering(base);
    }

    /** A package of the table, relative to the base; a trailing {@code ..} takes in its subpackages. */
    private String pkg(String relative) {
        return base + "." + relative;
    }

    private String[] pkgs(String... relative) {
        return Stream.of(relative).map(this::pkg).toArray(String[]::new);
    }

    private String[] engineCore() {
        return pkgs("engineio", "engineio.protocol..", "engineio.spi..", "engineio.internal..");
    }

    /** Who may use whom, as the table says; every class sits in a layer (a package's javadoc may sit anywhere). */
    ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitectureIgnoring(DescribedPredicate.describe("package-info",
                        c -> c.getSimpleName().equals("package-info")))
                .layer(ENGINE_CORE).definedBy(engineCore())
                .layer(ENGINE_BINDINGS).definedBy(pkgs("engineio.servlet..", "engineio.websocket.."))
                .layer(SOCKETIO_BASE).definedBy(pkgs("socketio.internal..", "socketio.protocol..", "socketio.core.."))
                .layer(ADAPTER_SPI).definedBy(pkg("socketio.adapter.."))
                .layer(SOCKETIO_SERVER).definedBy(pkg("socketio"))
                .layer(REDIS).definedBy(pkg("socketio.redis.."))
                .layer(CDI_BINDING).definedBy(pkg("socketio.cdi.."))
                .layer(MICROMETER_BINDING).definedBy(pkg("micrometer.."))
                .layer(GLUE).definedBy(pkg("jakarta.."))
                .whereLayer(ENGINE_CORE).mayNotAccessAnyLayer()
                .whereLayer(ENGINE_BINDINGS).mayOnlyAccessLayers(ENGINE_CORE)
                .whereLayer(SOCKETIO_BASE).mayNotAccessAnyLayer()
                .whereLayer(ADAPTER_SPI).mayOnlyAccessLayers(SOCKETIO_BASE, ENGINE_CORE)
                .whereLayer(SOCKETIO_SERVER).mayOnlyAccessLayers(ADAPTER_SPI, SOCKETIO_BASE, ENGINE_CORE)
                .whereLayer(REDIS).mayOnlyAccessLayers(SOCKETIO_SERVER, ADAPTER_SPI, SOCKETIO_BASE, ENGINE_CORE)
                .whereLayer(CDI_BINDING).mayOnlyAccessLayers(SOCKETIO_SERVER, ADAPTER_SPI, SOCKETIO_BASE, ENGINE_CORE)
                .whereLayer(MICROMETER_BINDING).mayOnlyAccessLayers(SOCKETIO_SERVER, ADAPTER_SPI, SOCKETIO_BASE,
                        ENGINE_CORE)
                .as("each package uses only its own layer and the layers below it that the table allows")
                .because("Engine.IO knows nothing of Socket.IO, adapters see the Socket.IO core and not the"
                        + " bindings, and only the Jakarta glue sees everything (STYLE.md, \"The house\")");
    }

    /** The Engine.IO core depends on the JDK and on itself only: no {@code jakarta.*}, nothing else. */
    ArchRule engineIoCoreUsesTheJdkOnly() {
        String[] allowed = Stream.concat(Stream.of("java.."), Stream.of(engineCore())).toArray(String[]::new);
        return classes().that().resideInAnyPackage(engineCore())
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .because("the Engine.IO core runs on any host, with the JDK only");
    }

    /** The Socket.IO layer, all of it but the CDI binding, uses no container API: JSON-P and JSON-B only. */
    ArchRule socketIoUsesNoContainerApi() {
        return noClasses().that().resideInAPackage(pkg("socketio..")).and()
                .resideOutsideOfPackage(pkg("socketio.cdi.."))
                .should().dependOnClassesThat(resideInAPackage("jakarta..")
                        .and(resideOutsideOfPackage("jakarta.json..")))
                .because("Socket.IO is a plain Java API: no servlet, WebSocket or CDI (JSON-P and JSON-B are JSON"
                        + " libraries, not container APIs)");
    }

    /** The servlet and WebSocket APIs appear in the two Engine.IO bindings and the Jakarta glue only. */
    ArchRule onlyTheBindingsUseServletAndWebSocket() {
        return noClasses()
                .that().resideOutsideOfPackages(pkgs("engineio.servlet..", "engineio.websocket..", "jakarta.."))
                .should().dependOnClassesThat().resideInAnyPackage(SERVLET_AND_WEBSOCKET)
                .because("the bindings are thin, and everything else runs without a container");
    }

    /** CDI appears in the CDI binding and the Jakarta glue only. */
    ArchRule onlyTheCdiBindingUsesCdi() {
        return noClasses().that().resideOutsideOfPackages(pkgs("socketio.cdi..", "jakarta.."))
                .should().dependOnClassesThat().resideInAnyPackage(CDI)
                .because("the CDI API is optional: only the CDI binding (and the glue that looks for it) loads it");
    }

    /** Lettuce (with Netty and Reactor) appears in the Lettuce driver class only, nested classes included. */
    ArchRule onlyTheLettuceDriverUsesLettuce() {
        String driver = pkg("socketio.redis.LettuceRedisDriver");
        DescribedPredicate<JavaClass> outsideDriver = DescribedPredicate.describe("are outside " + driver,
                c -> !c.getName().equals(driver) && !c.getName().startsWith(driver + "$"));
        return noClasses().that(outsideDriver)
                .should().dependOnClassesThat().resideInAnyPackage(LETTUCE)
                .because("Lettuce is an optional dependency behind the RedisDriver interface");
    }

    /** No two packages depend on each other, directly or around a loop. */
    ArchRule packagesAreFreeOfCycles() {
        return slices().matching(base + ".(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("packages that depend on each other cannot be put one above the other");
    }
}
