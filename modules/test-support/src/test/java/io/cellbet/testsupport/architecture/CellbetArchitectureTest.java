package io.cellbet.testsupport.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules must catch what they promise to catch: run them on fixtures that break them. */
class CellbetArchitectureTest {

    private static final String ROOT = "fixtures.cellbet";
    private final JavaClasses fixtures = new ClassFileImporter().importPackages(ROOT);

    @Test
    void detectsDomainImportingAFramework() {
        EvaluationResult result = CellbetArchitecture.domainImportsNoFramework(ROOT).evaluate(fixtures);
        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().toString().contains("jakarta.inject.Provider"));
    }

    @Test
    void detectsAModuleReachingIntoAnothersInternals() {
        EvaluationResult result = CellbetArchitecture.modulesUseOnlyEachOthersApi(ROOT).evaluate(fixtures);
        List<String> details = result.getFailureReport().getDetails();
        assertTrue(details.stream().anyMatch(line -> line.contains("LedgerRows") && line.contains("'wallet'")),
                () -> String.join("\n", details));
        assertTrue(details.stream().noneMatch(line -> line.contains("WalletApi")), "the api package is allowed");
    }

    @Test
    void detectsAnAppDependingOnTheOtherApp() {
        EvaluationResult result = CellbetArchitecture.appsStayApart(ROOT).evaluate(fixtures);
        List<String> details = result.getFailureReport().getDetails();
        assertEquals(1, details.stream().filter(line -> line.contains("ControlPlaneMain")).count(),
                () -> String.join("\n", details));
    }

    @Test
    void namesTheModuleOfAPackage() {
        assertEquals("wallet", CellbetArchitecture.module("io.cellbet", "io.cellbet.wallet.internal.ledger"));
        assertEquals("cell", CellbetArchitecture.module("io.cellbet", "io.cellbet.cell"));
        assertEquals(null, CellbetArchitecture.module("io.cellbet", "org.example"));
    }
}
