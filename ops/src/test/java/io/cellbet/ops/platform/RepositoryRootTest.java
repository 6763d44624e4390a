package io.cellbet.ops.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryRootTest {

    @TempDir
    Path dir;

    @Test
    void findsTheNearestDirectoryWithMvnwAbove() throws IOException {
        Files.createFile(dir.resolve("mvnw"));
        Path nested = Files.createDirectories(dir.resolve("ops/src/main"));
        assertEquals(dir.toAbsolutePath().normalize(), RepositoryRoot.find(nested));
    }

    @Test
    void failsOutsideARepository() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> RepositoryRoot.find(dir));
        assertEquals(true, failure.getMessage().contains("No mvnw found"));
    }
}
