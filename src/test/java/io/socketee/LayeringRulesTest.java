package io.socketee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.socketee.layeringfixture.engineio.Session;
import io.socketee.layeringfixture.engineio.UsesSocketIo;
import io.socketee.layeringfixture.engineio.protocol.UsesServlet;
import io.socketee.layeringfixture.engineio.spi.View;
import io.socketee.layeringfixture.socketio.UsesTestKit;
import io.socketee.layeringfixture.socketio.UsesWebSocket;
import io.socketee.layeringfixture.socketio.adapter.SeesBinding;
import io.socketee.layeringfixture.socketio.adapter.UsesCdi;
import io.socketee.layeringfixture.socketio.admin.UsesBcrypt;
import io.socketee.layeringfixture.socketio.redis.UsesLettuce;
import io.socketee.layeringfixture.stray.Stray;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link Layering} catch what they are for, and only that: each runs over the fixtures of
 * {@code io.socketee.layeringfixture}, a tree shaped like the library, must report exactly the fixtures that break it,
 * and must pass once those are taken away.
 */
class LayeringRulesTest {
    private static final String BASE = "io.socketee.layeringfixture";
    private static final Layering RULES = Layering.under(BASE);
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(BASE);

    @Test
    void layerTableCatchesEngineIoUsingSocketIoAnAdapterSeeingABindingALayerUsingTheTestKitAndAPackageInNoLayer() {
        assertCatchesOnly(RULES.layers(), UsesSocketIo.class, SeesBinding.class, UsesTestKit.class, Stray.class);
    }

    @Test
    void junitRuleAllowsOnlyTheTestKit() {
        assertCatchesOnly(RULES.onlyTheTestKitUsesJUnit(), UsesTestKit.class);
    }

    @Test
    void engineIoCoreRuleCatchesAnythingButTheJdkAndTheCore() {
        assertCatchesOnly(RULES.engineIoCoreUsesTheJdkOnly(), UsesSocketIo.class, UsesServlet.class);
    }

    @Test
    void socketIoRuleCatchesContainerApisButAllowsJsonAndTheCdiBinding() {
        assertCatchesOnly(RULES.socketIoUsesNoContainerApi(), UsesWebSocket.class, UsesCdi.class);
    }

    @Test
    void servletAndWebSocketRuleAllowsOnlyTheBindingsAndTheGlue() {
        assertCatchesOnly(RULES.onlyTheBindingsUseServletAndWebSocket(), UsesServlet.class, UsesWebSocket.class);
    }

    @Test
    void cdiRuleAllowsOnlyTheCdiBindingAndTheGlue() {
        assertCatchesOnly(RULES.onlyTheCdiBindingUsesCdi(), UsesCdi.class);
    }

    @Test
    void lettuceRuleAllowsOnlyTheDriverAndTheClassesNestedInIt() {
        assertCatchesOnly(RULES.onlyTheLettuceDriverUsesLettuce(), UsesLettuce.class);
    }

    @Test
    void bcryptRuleAllowsOnlyTheHashClass() {
        assertCatchesOnly(RULES.onlyTheBcryptHashUsesJbcrypt(), UsesBcrypt.class);
    }

    @Test
    void cycleRuleCatchesTwoPackagesOfOneLayerThatUseEachOther() {
        assertCatchesOnly(RULES.packagesAreFreeOfCycles(), Session.class, View.class);
    }

    /** The rule fails over all the fixtures, naming each offender, and passes over the fixtures without them. */
    private static void assertCatchesOnly(ArchRule rule, Class<?>... offenders) {
        List<String> details = rule.evaluate(FIXTURES).getFailureReport().getDetails();
        for (Class<?> offender : offenders) {
            assertTrue(details.stream().anyMatch(d -> d.contains("<" + offender.getName())),
                    offender.getSimpleName() + " not reported: " + details);
        }
        Set<String> names = Stream.of(offenders).map(Class::getName).collect(Collectors.toSet());
        JavaClasses clean = FIXTURES.that(DescribedPredicate.describe("are no offenders",
                (JavaClass c) -> !names.contains(c.getName())));
        EvaluationResult withoutOffenders = rule.evaluate(clean);
        assertFalse(withoutOffenders.hasViolation(), withoutOffenders.getFailureReport().toString());
        assertEquals(FIXTURES.size() - offenders.length, clean.size());
    }
}
