package io.cellbet.controlplane;

import io.cellbet.testsupport.architecture.ArchitectureCheck;

/** The control plane and the modules it assembles keep Cellbet's module boundaries. */
class ArchitectureTest extends ArchitectureCheck {
}
