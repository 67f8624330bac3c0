package io.casegate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The layout that docs/architecture.md describes, checked on the compiled product: each component
 * uses only the components it is allowed to, and only through their public face (their
 * {@code boundary} and {@code entity} packages); no package takes part in a cycle; injection and
 * logging have one style each (fields, java.util.logging). The sandbox CRM imitates a third-party
 * system: the product reaches it only over HTTP and it never leans on the product, or a rehearsal
 * against it would prove less than it claims.
 */
@AnalyzeClasses(packages = "io.casegate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "io.casegate";

    /** Each component, and the components it may use. {@code ""} is the root package (the JAX-RS and Faces activators). */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("", Set.of("feedback", "platform")),
            Map.entry("platform", Set.of()),
            Map.entry("crm", Set.of("platform")),
            Map.entry("delivery", Set.of("platform")),
            Map.entry("attachments", Set.of("platform")),
            Map.entry("feedback", Set.of("platform", "attachments", "delivery", "crm")),
            Map.entry("cases", Set.of("platform", "crm", "attachments", "delivery", "feedback")),
            Map.entry("acknowledgements", Set.of("platform", "delivery", "feedback")),
            Map.entry("admin", Set.of("platform", "feedback", "cases", "delivery", "crm")),
            Map.entry("health", Set.of("platform", "feedback", "delivery", "crm")),
            Map.entry("sandbox", Set.of()));

    /** The layers of a component that other components may see. */
    static final Set<String> PUBLIC_FACE = Set.of("boundary", "entity");

    @ArchTest
    static final ArchRule componentsUseOnlyWhatTheyMayThroughItsPublicFace =
            classes().that().resideInAPackage(ROOT + "..").should(useOnlyAllowedComponentsThroughTheirPublicFace());

    @ArchTest
    static final ArchRule oneInjectionStyleFields = constructors()
            .that()
            .areDeclaredInClassesThat()
            .resideInAPackage(ROOT + "..")
            .should()
            .notBeAnnotatedWith(Inject.class)
            .because("Casegate injects fields; a constructor that tests wire by hand carries no @Inject");

    @ArchTest
    static final ArchRule oneLogger = noClasses()
            .that()
            .resideInAPackage(ROOT + "..")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(System.Logger.class)
            .because("Casegate logs through java.util.logging");

    @ArchTest
    static final ArchRule noCycleBetweenComponents =
            slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCycleBetweenPackages =
            slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

    private static ArchCondition<JavaClass> useOnlyAllowedComponentsThroughTheirPublicFace() {
        return new ArchCondition<>("use only the components they may, through their boundary and entity packages") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = component(origin.getPackageName()).orElseThrow();
                Set<String> allowed = MAY_USE.get(from);
                if (allowed == null) {
                    events.add(
                            SimpleConditionEvent.violated(
                                    origin,
                                    origin.getName()
                                            + " is in a component that ArchitectureTest.MAY_USE does not know: add it there and to docs/architecture.md"));
                    return;
                }
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    Optional<String> to = component(target);
                    if (to.isEmpty() || to.get().equals(from)) {
                        continue;
                    }
                    if (!allowed.contains(to.get())) {
                        events.add(SimpleConditionEvent.violated(
                                dependency, from + " may not use " + to.get() + ": " + dependency.getDescription()));
                    } else if (!to.get().equals("platform") && !PUBLIC_FACE.contains(layer(target))) {
                        events.add(SimpleConditionEvent.violated(
                                dependency,
                                from + " may use only the boundary and entity of " + to.get() + ": "
                                        + dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The component a package belongs to; empty outside Casegate. */
    static Optional<String> component(String packageName) {
        if (packageName.equals(ROOT)) {
            return Optional.of("");
        }
        if (!packageName.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    /** The layer under the component ({@code boundary}, {@code control}, {@code entity}, ...); empty for the component's root. */
    static String layer(String packageName) {
        String rest = packageName.substring(ROOT.length() + 1);
        String[] parts = rest.split("\\.");
        return parts.length < 2 ? "" : parts[1];
    }
}
