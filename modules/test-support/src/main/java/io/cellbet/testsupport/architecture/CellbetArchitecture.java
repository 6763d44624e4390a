package io.cellbet.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;

/**
 * Cellbet's module boundaries as ArchUnit rules, shared by every app's architecture test.
 *
 * <p>A module is the first package segment under the root ({@code io.cellbet.wallet}). The
 * kernel modules ({@code platform}, {@code contracts}) are public throughout. Every other
 * module shows others only its {@code api} package; {@code internal} packages are private to
 * their module; {@code domain} packages import no framework; the apps never import each other
 * and no module imports an app.
 */
public final class CellbetArchitecture {

    /** Modules whose every public type may be used by other modules. */
    public static final Set<String> KERNEL_MODULES = Set.of("platform", "contracts");

    /** Runnable apps and tooling: nothing else may depend on them. */
    public static final Set<String> APPS = Set.of("cell", "controlplane", "ops", "testsupport", "localinfra");

    private static final String[] FRAMEWORK_PACKAGES = {
        "io.quarkus..", "jakarta..", "javax.persistence..", "io.smallrye..", "io.vertx..", "com.rabbitmq..",
        "io.micrometer..", "org.eclipse.microprofile..", "org.hibernate..", "com.fasterxml.jackson.databind.."
    };

    private CellbetArchitecture() {
    }

    /** Every rule, for classes under {@code root} (normally {@code io.cellbet}). */
    public static List<ArchRule> rules(String root) {
        return List.of(domainImportsNoFramework(root), modulesUseOnlyEachOthersApi(root), appsStayApart(root));
    }

    public static ArchRule domainImportsNoFramework(String root) {
        return noClasses().that().resideInAPackage(root + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_PACKAGES)
                .because("domain code is plain Java: it must run and be tested without Quarkus or the broker")
                // An app without domain packages yet (the cell today) passes rather than fails.
                .allowEmptyShould(true);
    }

    public static ArchRule modulesUseOnlyEachOthersApi(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(new ArchCondition<JavaClass>("use other modules only through their api package") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String from = module(root, origin.getPackageName());
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            String targetPackage = dependency.getTargetClass().getPackageName();
                            String to = module(root, targetPackage);
                            if (to == null || to.equals(from) || KERNEL_MODULES.contains(to) || APPS.contains(to)) {
                                continue;
                            }
                            boolean intoInternals = targetPackage.contains(".internal");
                            boolean outsideApi = !targetPackage.startsWith(root + "." + to + ".api");
                            if (intoInternals || outsideApi) {
                                events.add(SimpleConditionEvent.violated(dependency,
                                        dependency.getDescription() + " reaches into module '" + to
                                                + "' outside its api package"));
                            }
                        }
                    }
                });
    }

    public static ArchRule appsStayApart(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(new ArchCondition<JavaClass>("not depend on another app") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String from = module(root, origin.getPackageName());
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            String to = module(root, dependency.getTargetClass().getPackageName());
                            if (to != null && !to.equals(from) && APPS.contains(to)
                                    && !(APPS.contains(from) && Set.of("testsupport", "localinfra").contains(to))) {
                                events.add(SimpleConditionEvent.violated(dependency,
                                        dependency.getDescription() + " makes '" + from + "' depend on app '" + to + "'"));
                            }
                        }
                    }
                });
    }

    static String module(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return null;
        }
        String rest = packageName.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
