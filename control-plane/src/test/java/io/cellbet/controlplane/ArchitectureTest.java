package io.cellbet.controlplane;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cellbet.testsupport.architecture.CellbetArchitecture;
import org.junit.jupiter.api.Test;

/** The control plane and the modules it assembles keep Cellbet's module boundaries. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cellbet");

    @Test
    void keepsModuleBoundaries() {
        CellbetArchitecture.rules("io.cellbet").forEach(rule -> rule.check(classes));
    }
}
