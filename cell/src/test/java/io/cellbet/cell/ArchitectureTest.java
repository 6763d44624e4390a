package io.cellbet.cell;

import io.cellbet.testsupport.architecture.ArchitectureCheck;

/** The cell and the modules it assembles keep Cellbet's module boundaries. */
class ArchitectureTest extends ArchitectureCheck {
}
