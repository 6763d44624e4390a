package io.cellbet.controlplane.sportsbook.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.cellbet.contracts.config.SportsbookContent;
import java.time.Instant;

/**
 * A brand's sportsbook content and the config version of its latest change ({@code 0} and no
 * {@code updatedAt} while it was never set, when it is {@link SportsbookContent#NONE}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredContent(@JsonUnwrapped SportsbookContent content, long configVersion, Instant updatedAt) {
}
