package io.cellbet.cell.wallet;

import io.cellbet.cell.config.application.BrandCatalog;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.wallet.api.BrandWallets;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Seamless wallets of the brands this cell holds: the endpoint from the brand's configuration
 * (as replicated from the control plane), the HMAC key from this cell's own configuration,
 * {@code cellbet.wallet.seamless-secrets."<secretRef>"} (environment:
 * {@code CELLBET_WALLET_SEAMLESS_SECRETS_<SECRETREF>}, upper case, other characters as {@code _}).
 * Keys never travel with the brand's configuration and are never logged.
 */
@ApplicationScoped
public class CatalogBrandWallets implements BrandWallets {

    /** Prefix of the configuration keys holding brands' HMAC keys. */
    public static final String SECRETS_PREFIX = "cellbet.wallet.seamless-secrets.";

    private static final Logger LOG = Logger.getLogger(CatalogBrandWallets.class);

    private final BrandCatalog catalog;
    private final Config config;
    /** Misconfigurations already logged, so a retrier polling every second does not flood the log. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public CatalogBrandWallets(BrandCatalog catalog, Config config) {
        this.catalog = catalog;
        this.config = config;
    }

    @Override
    public Optional<SeamlessEndpoint> seamlessWallet(String brand) {
        if (brand == null || brand.isBlank()) {
            return Optional.empty();
        }
        Optional<BrandConfig> found = catalog.find(brand);
        if (found.isEmpty() || !BrandConfig.WALLET_SEAMLESS.equals(found.get().walletMode())) {
            return Optional.empty();
        }
        BrandConfig.SeamlessWallet wallet = found.get().seamlessWallet();
        if (wallet == null || wallet.endpointUrl() == null || wallet.secretRef() == null) {
            return misconfigured(brand, "has no seamlessWallet endpoint or secretRef");
        }
        URI endpoint;
        try {
            endpoint = new URI(wallet.endpointUrl());
        } catch (URISyntaxException e) {
            return misconfigured(brand, "has an endpointUrl that is not a URL");
        }
        if (!endpoint.isAbsolute() || !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))
                || endpoint.getHost() == null) {
            return misconfigured(brand, "has an endpointUrl that is not an absolute http(s) URL");
        }
        if (!BrandConfig.SeamlessWallet.SECRET_REF.matcher(wallet.secretRef()).matches()) {
            return misconfigured(brand, "has a secretRef that is not a plain name");
        }
        Optional<String> secret = secret(wallet.secretRef());
        if (secret.isEmpty()) {
            return misconfigured(brand, "names secret '" + wallet.secretRef() + "', which this cell does not have ("
                    + SECRETS_PREFIX + "\"" + wallet.secretRef() + "\")");
        }
        reported.remove(brand);
        return Optional.of(new SeamlessEndpoint(endpoint, secret.get()));
    }

    private Optional<String> secret(String secretRef) {
        // The quoted form is how a name with dots is written in application.properties; the
        // plain form is what an environment variable maps to.
        return config.getOptionalValue(SECRETS_PREFIX + "\"" + secretRef + "\"", String.class)
                .or(() -> config.getOptionalValue(SECRETS_PREFIX + secretRef, String.class))
                .filter(value -> !value.isBlank());
    }

    private Optional<SeamlessEndpoint> misconfigured(String brand, String why) {
        if (reported.add(brand)) {
            LOG.warnf("brand %s is configured seamless but %s: its wallet calls are refused or held back", brand, why);
        }
        return Optional.empty();
    }
}
