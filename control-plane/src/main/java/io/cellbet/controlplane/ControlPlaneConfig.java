package io.cellbet.controlplane;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the control plane app. */
@ConfigMapping(prefix = "cellbet.control-plane")
public interface ControlPlaneConfig {

    /** A cell not heard from for this long is shown as down. Cells report every few seconds. */
    @WithDefault("15s")
    Duration cellDownAfter();
}
