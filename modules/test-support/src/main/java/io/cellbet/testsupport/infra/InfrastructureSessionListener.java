package io.cellbet.testsupport.infra;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Resolves PostgreSQL and the broker once per test JVM, before discovery: a launcher session
 * opens before any {@code @QuarkusTest} augments, and Quarkus decides Dev Services and reads
 * datasource URLs at augmentation, so a test resource would be too late.
 */
public final class InfrastructureSessionListener implements LauncherSessionListener {

    // One per JVM even if a tool opens nested launcher sessions: the first owner starts and stops.
    private static final AtomicBoolean ACTIVE = new AtomicBoolean();

    private TestInfrastructure.Running running;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if ("off".equalsIgnoreCase(System.getProperty(TestInfrastructure.SWITCH_PROPERTY))) {
            return;
        }
        if (!ACTIVE.compareAndSet(false, true)) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        try {
            // Quarkus's own session listener may have installed its facade class loader as the
            // context loader; Qpid finds its plugins (and its threads inherit the loader) through
            // it, so start everything from the loader that loaded this class.
            thread.setContextClassLoader(InfrastructureSessionListener.class.getClassLoader());
            Path workDir = Path.of(System.getProperty("user.dir"), "target", "embedded-infra");
            running = TestInfrastructure.open(System.getenv(), ContainerInfrastructure::dockerAvailable, workDir);
        } catch (RuntimeException e) {
            ACTIVE.set(false);
            throw new IllegalStateException("Cannot provide PostgreSQL and the broker for tests (set "
                    + TestInfrastructure.SWITCH_PROPERTY + "=off to skip): " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previousLoader);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } finally {
            running = null;
            ACTIVE.set(false);
        }
    }
}
