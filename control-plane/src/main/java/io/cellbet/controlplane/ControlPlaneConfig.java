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

    /** The risk view (see io.cellbet.controlplane.risk). */
    Risk risk();

    /** Settings of the risk view. */
    interface Risk {

        /**
         * The durable queue the risk view takes the cells' {@code ExposureChanged} from, bound on
         * {@code platform.cell-events}; replicas of the control plane share it. The tests use a queue of their
         * own, so a control plane running beside them on the same broker does not take their messages.
         */
        @WithDefault("control-plane.risk-exposure")
        String exposureQueue();
    }
}
