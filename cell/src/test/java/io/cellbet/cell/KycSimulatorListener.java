package io.cellbet.cell;

import io.cellbet.simulators.kyc.KycProviderSimulator;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the KYC provider simulator (a real HTTP server on a free port) before the test cell
 * starts, and tells the cell where it is through system property {@value #URL_PROPERTY}, read by
 * the test profile's {@code cellbet.accounts.kyc.provider-url}. Tests steer it over its
 * {@code /admin/...} endpoints at that URL.
 */
public final class KycSimulatorListener implements LauncherSessionListener {

    public static final String URL_PROPERTY = "cellbet.test.kyc.url";
    public static final String API_KEY = "test-kyc-key";

    private KycProviderSimulator simulator;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(URL_PROPERTY) == null) {
            simulator = KycProviderSimulator.start(0, API_KEY);
            System.setProperty(URL_PROPERTY, simulator.baseUrl());
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (simulator != null) {
            simulator.close();
            System.clearProperty(URL_PROPERTY);
        }
    }
}
