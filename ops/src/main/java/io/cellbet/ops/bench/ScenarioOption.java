package io.cellbet.ops.bench;

/**
 * An option a scenario accepts as {@code --name=value}.
 *
 * @param name option name without dashes, e.g. {@code rate}
 * @param defaultValue value used when the option is not given
 * @param description one line for the help text
 */
public record ScenarioOption(String name, String defaultValue, String description) {
}
