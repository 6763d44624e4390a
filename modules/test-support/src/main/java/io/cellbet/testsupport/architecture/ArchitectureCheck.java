package io.cellbet.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The architecture test every app runs: extend it in the app's test sources, and the app with
 * every module on its classpath is checked against {@link CellbetArchitecture#rules}.
 */
public abstract class ArchitectureCheck {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cellbet");

    @Test
    void keepsModuleBoundaries() {
        CellbetArchitecture.rules("io.cellbet").forEach(rule -> rule.check(classes));
    }
}
