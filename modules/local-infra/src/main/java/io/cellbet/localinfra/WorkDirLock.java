package io.cellbet.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive claim on a work directory, because the embedded servers wipe their directories on
 * start and two JVMs sharing one (e.g. parallel test forks) would wipe each other's data.
 */
final class WorkDirLock implements AutoCloseable {

    private static final String LOCK_FILE = ".lock";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private WorkDirLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code workDir}, or a per-process subdirectory of it when another live process (or
     * another instance in this JVM) holds it; OS file locks vanish with their process, so a
     * crashed run never blocks the next one.
     */
    static WorkDirLock claim(Path workDir) {
        WorkDirLock lock = tryClaim(workDir);
        if (lock != null) {
            return lock;
        }
        Path own = workDir.resolve("pid-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        lock = tryClaim(own);
        if (lock == null) {
            throw new IllegalStateException("Cannot lock embedded infrastructure directory " + own);
        }
        return lock;
    }

    private static WorkDirLock tryClaim(Path directory) {
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new WorkDirLock(directory, channel, lock);
                }
            } catch (OverlappingFileLockException e) {
                // Held by another LocalInfrastructure in this JVM: treat like another process.
            }
            channel.close();
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock embedded infrastructure directory " + directory, e);
        }
    }

    /** Returns the directory this lock owns. */
    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The lock dies with the channel or the process anyway; nothing useful to do.
        }
    }
}
