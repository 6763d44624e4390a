package io.cellbet.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirLockTest {

    @TempDir
    Path workDir;

    @Test
    void givesSecondClaimantItsOwnDirectoryWhileWorkDirIsInUse() {
        try (WorkDirLock first = WorkDirLock.claim(workDir);
                WorkDirLock second = WorkDirLock.claim(workDir)) {
            assertEquals(workDir, first.directory());
            assertNotEquals(workDir, second.directory());
            assertTrue(second.directory().startsWith(workDir), second.directory().toString());
        }
    }

    @Test
    void handsWorkDirToNextClaimantOnceReleased() {
        WorkDirLock.claim(workDir).close();

        try (WorkDirLock again = WorkDirLock.claim(workDir)) {
            assertEquals(workDir, again.directory());
        }
    }
}
