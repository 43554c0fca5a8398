package io.socketee;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the library's layers apart: the rules of {@link Layering} over the main classes under {@code io.socketee}
 * (test classes left out), read from the compiled bytecode, so every use counts (imports, qualified names, signatures,
 * annotations, constants) and nothing in comments or strings does.
 */
@AnalyzeClasses(packages = "io.socketee", importOptions = LayeringTest.MainClassesOnly.class)
class LayeringTest {
    /**
     * Leaves out Maven's test output, wherever {@code -DbuildDir} puts it ({@link ImportOption.DoNotIncludeTests}
     * looks for {@code target/test-classes} only).
     */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }

    private static final Layering LIBRARY = Layering.under("io.socketee");

    @ArchTest
    static final ArchRule packagesUseOnlyTheLayersTheTableAllows = LIBRARY.layers();

    @ArchTest
    static final ArchRule engineIoCoreUsesTheJdkOnly = LIBRARY.engineIoCoreUsesTheJdkOnly();

    @ArchTest
    static final ArchRule socketIoUsesNoContainerApi = LIBRARY.socketIoUsesNoContainerApi();

    @ArchTest
    static final ArchRule onlyTheBindingsUseServletAndWebSocket = LIBRARY.onlyTheBindingsUseServletAndWebSocket();

    @ArchTest
    static final ArchRule onlyTheCdiBindingUsesCdi = LIBRARY.onlyTheCdiBindingUsesCdi();

    @ArchTest
    static final ArchRule onlyTheTestKitUsesJUnit = LIBRARY.onlyTheTestKitUsesJUnit();

    @ArchTest
    static final ArchRule onlyTheLettuceDriverUsesLettuce = LIBRARY.onlyTheLettuceDriverUsesLettuce();

    @ArchTest
    static final ArchRule onlyTheBcryptHashUsesJbcrypt = LIBRARY.onlyTheBcryptHashUsesJbcrypt();

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = LIBRARY.packagesAreFreeOfCycles();
}
