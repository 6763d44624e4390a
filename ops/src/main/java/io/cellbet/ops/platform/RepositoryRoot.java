package io.cellbet.ops.platform;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Cellbet repository root: the nearest directory at or above the working directory with {@code mvnw}. */
public final class RepositoryRoot {

    /** Set by the ops scripts so the tools work from any working directory. */
    public static final String ROOT_PROPERTY = "cellbet.repository.root";

    private RepositoryRoot() {
    }

    /** The root named by {@value #ROOT_PROPERTY}, else the one found from {@code user.dir}. */
    public static Path find() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return find(Path.of(configured));
        }
        return find(Path.of(System.getProperty("user.dir")));
    }

    /** Walks up from {@code start} to the directory containing {@code mvnw}. */
    public static Path find(Path start) {
        Path absolute = start.toAbsolutePath().normalize();
        for (Path dir = absolute; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No mvnw found in " + absolute
                + " or any directory above it: run this from inside the Cellbet repository");
    }
}
