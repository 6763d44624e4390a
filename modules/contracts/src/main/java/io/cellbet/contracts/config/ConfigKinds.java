package io.cellbet.contracts.config;

/** Kinds of versioned configuration; a change is keyed by kind and key (for a brand: its code). */
public final class ConfigKinds {

    public static final String BRAND = "brand";

    private ConfigKinds() {
    }
}
