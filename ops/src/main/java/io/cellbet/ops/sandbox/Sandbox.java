package io.cellbet.ops.sandbox;

import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.PlatformStartException;
import io.cellbet.ops.platform.RepositoryRoot;
import io.cellbet.simulators.brandwallet.ReferenceBrandWallet;
import io.cellbet.simulators.kyc.KycProviderSimulator;
import io.cellbet.simulators.oddsprovider.OddsProviderSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the whole platform in the foreground on the fixed ports 8080 (control plane), 8081, 8082 (cells) with its
 * state in {@code .sandbox/}; Ctrl-C or SIGTERM stops everything.
 *
 * <p>Beside the apps it runs the reference brand wallet (a seamless brand's own wallet) on port
 * {@value #BRAND_WALLET_PORT}; the cells know its HMAC key under the secret name
 * {@value #BRAND_WALLET_SECRET_REF}, so a brand created with that {@code secretRef} and the wallet's
 * URL runs in seamless mode against it. The odds provider simulator publishes its feed to the broker's
 * {@code unifiedfeed} exchange and serves the provider's recovery API and its controls on port
 * {@value #ODDS_PROVIDER_PORT}. The KYC provider simulator, which the cells send players' identity
 * checks to, listens on port {@value #KYC_PROVIDER_PORT}.
 *
 * <p>Options: {@code --cells=N} (default 2), {@code --feed-events=N} (default 500). PostgreSQL and the broker come from {@code CELLBET_PG_URL} and
 * {@code CELLBET_AMQP_URL} when set, else they run embedded.
 */
public final class Sandbox {

    private static final long WATCH_INTERVAL_MS = 1000;
    private static final int CRASH_LOG_LINES = 20;
    static final int BRAND_WALLET_PORT = 8090;
    static final int ODDS_PROVIDER_PORT = 8091;
    static final int KYC_PROVIDER_PORT = 8092;
    /** The sandbox KYC provider's API key; public for the same reason as the brand wallet's. */
    static final String KYC_API_KEY = "sandbox-kyc-key";
    static final String BRAND_WALLET_SECRET_REF = "sandbox-wallet";
    /** A fixed, public key: the sandbox is a local demo, never a place for real secrets. */
    static final String BRAND_WALLET_SECRET = "sandbox-brand-wallet-key";
    /** Port of the demo brand's site, which embeds the web app. */
    static final int DEMO_SITE_PORT = 8093;

    private Sandbox() {
    }

    public static void main(String[] args) throws InterruptedException {
        int cells = LocalPlatform.DEFAULT_CELL_COUNT;
        int feedEvents = 500;
        for (String arg : args) {
            if (arg.startsWith("--cells=")) {
                cells = Integer.parseInt(arg.substring("--cells=".length()));
            } else if (arg.startsWith("--feed-events=")) {
                feedEvents = Integer.parseInt(arg.substring("--feed-events=".length()));
            } else {
                System.err.println("Unknown argument " + arg + "\nUsage: ops/sandbox [--cells=N] [--feed-events=N]");
                System.exit(2);
            }
        }
        Path root = RepositoryRoot.find();
        System.out.println("Starting the Cellbet sandbox (control plane and " + cells + " cells); logs in "
                + root.relativize(root.resolve(".sandbox/logs")) + "/");
        ReferenceBrandWallet brandWallet = ReferenceBrandWallet.start(BRAND_WALLET_PORT, BRAND_WALLET_SECRET);
        Runtime.getRuntime().addShutdownHook(new Thread(brandWallet::close, "brand-wallet-stop"));
        KycProviderSimulator kycProvider = KycProviderSimulator.start(KYC_PROVIDER_PORT, KYC_API_KEY);
        Runtime.getRuntime().addShutdownHook(new Thread(kycProvider::close, "kyc-provider-stop"));
        LocalPlatform platform;
        try {
            LocalPlatform.Builder builder = LocalPlatform.builder()
                    .repositoryRoot(root)
                    .workDir(root.resolve(".sandbox"))
                    .cells(cells)
                    .ports(LocalPlatform.DEFAULT_CONTROL_PLANE_PORT, LocalPlatform.DEFAULT_FIRST_CELL_PORT);
            // The control plane consumes the simulator's feed (same broker), asks it for recovery and reads fixtures.
            builder.environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_ENABLED", "true");
            builder.environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_API_URL",
                    "http://127.0.0.1:" + ODDS_PROVIDER_PORT);
            // The simulator takes any token, but like the real provider none at all.
            builder.environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_ACCESS_TOKEN", "sandbox");
            for (int k = 1; k <= cells; k++) {
                builder.environment("cell-" + k, "CELLBET_WALLET_SEAMLESS_SECRETS_SANDBOX_WALLET", BRAND_WALLET_SECRET);
                builder.environment("cell-" + k, "CELLBET_ACCOUNTS_KYC_PROVIDER_URL", kycProvider.baseUrl());
                builder.environment("cell-" + k, "CELLBET_ACCOUNTS_KYC_API_KEY", KYC_API_KEY);
            }
            platform = builder.start();
        } catch (PlatformStartException e) {
            System.err.println("The sandbox did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        OddsProviderSimulator oddsProvider;
        try {
            oddsProvider = OddsProviderSimulator.start(OddsProviderSimulator.Settings
                    .defaults(platform.broker().url()).withHttpPort(ODDS_PROVIDER_PORT).withEvents(feedEvents));
        } catch (IOException | RuntimeException e) {
            System.err.println("The odds provider simulator did not start: " + e.getMessage());
            platform.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(oddsProvider::close, "odds-provider-stop"));
        DemoBrand demo = null;
        try {
            demo = DemoBrand.start(platform, DEMO_SITE_PORT);
            Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-site-stop"));
        } catch (IOException | RuntimeException e) {
            System.err.println("The demo brand was not set up: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        printSummary(platform, System.out);
        if (demo != null) {
            System.out.println("Player web app: " + demo.appUrl() + "  (brand " + DemoBrand.CODE
                    + "; for a brand of your own, /app/<CODE>/)");
            System.out.println("Embedded demo: " + demo.siteUrl() + "  (a brand's site framing the app with a signed "
                    + "launch token)");
        }
        System.out.println("Reference brand wallet (seamless mode): " + brandWallet.baseUrl()
                + "  (secretRef \"" + BRAND_WALLET_SECRET_REF + "\"; /admin/players, /admin/slow, /admin/fail, /admin/down)");
        System.out.println("Odds provider simulator: " + feedEvents + " events to exchange "
                + OddsProviderSimulator.EXCHANGE + "; recovery API and controls on " + oddsProvider.httpUrl()
                + "  (/v1/{product}/recovery/initiate_request, /admin/pause, /admin/resume, /admin/state)");
        System.out.println("Ops user: admin / " + LocalPlatform.OPS_ADMIN_PASSWORD + "  (POST /api/ops/login on the control "
                + "plane; the cells' /api/wallet and /api/accounts need that token)");
        System.out.println("KYC provider simulator: " + kycProvider.baseUrl() + "  (documents numbered REJECT... are "
                + "rejected, players under 18 too; /admin/decision-delay?ms=N, /admin/unavailable?on=true)");
        watch(platform);
    }

    static void printSummary(LocalPlatform platform, PrintStream out) {
        out.println();
        out.println("Cellbet sandbox is up.");
        out.println("Infrastructure: " + platform.describeInfrastructure());
        out.println();
        AppProcess controlPlane = platform.controlPlane();
        out.println(line(platform, controlPlane));
        out.println("    API          " + controlPlane.baseUrl() + "/api  (e.g. /api/brands, /api/cells, "
                + "POST /api/players/route)");
        printQuarkusEndpoints(controlPlane, out);
        for (AppProcess cell : platform.cells()) {
            out.println(line(platform, cell));
            out.println("    API          " + cell.baseUrl() + "/api  (e.g. /api/config/version, "
                    + "POST /api/brands/{brand}/players)");
            printQuarkusEndpoints(cell, out);
        }
        out.println();
        out.println("Logs: " + platform.logDir());
        out.println("Press Ctrl-C to stop everything.");
        out.flush();
    }

    private static String line(LocalPlatform platform, AppProcess app) {
        return String.format(Locale.ROOT, "%-14s %s  (pid %d, ready in %.1f s, database %s)", app.name(),
                app.baseUrl(), app.pid(), app.startedInMs() / 1000.0, platform.database(app.name()));
    }

    private static void printQuarkusEndpoints(AppProcess app, PrintStream out) {
        out.println("    OpenAPI      " + app.baseUrl() + "/q/openapi");
        out.println("    Swagger UI   " + app.baseUrl() + "/q/swagger-ui");
        out.println("    Health       " + app.baseUrl() + "/q/health");
        out.println("    Metrics      " + app.baseUrl() + "/q/metrics");
    }

    /** Stays in the foreground until the JVM is told to exit, reporting apps that die meanwhile. */
    private static void watch(LocalPlatform platform) throws InterruptedException {
        Set<String> reported = new HashSet<>();
        while (true) {
            Thread.sleep(WATCH_INTERVAL_MS);
            if (platform.isClosed()) {
                continue;
            }
            for (AppProcess app : platform.apps()) {
                if (!app.isRunning() && reported.add(app.name()) && !platform.isClosed()) {
                    System.err.println(app.name() + " exited with code " + app.exitCode() + "; last lines of "
                            + app.logFile() + ":\n" + app.logTail(CRASH_LOG_LINES));
                }
            }
        }
    }
}
