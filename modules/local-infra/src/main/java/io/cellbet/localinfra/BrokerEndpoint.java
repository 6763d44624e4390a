package io.cellbet.localinfra;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/** AMQP 0-9-1 broker endpoint. */
public record BrokerEndpoint(
        String host, int port, String username, String password, String virtualHost,
        boolean quorumQueues) {

    private static final int DEFAULT_PORT = 5672;
    private static final String DEFAULT_VIRTUAL_HOST = "/";
    private static final String DEFAULT_CREDENTIAL = "guest";

    /** Checks the components so that a bad environment variable fails at resolution, not later. */
    public BrokerEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(virtualHost, "virtualHost");
        if (host.isBlank()) {
            throw new IllegalArgumentException("Broker host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Broker port out of range: " + port);
        }
        if (virtualHost.isEmpty()) {
            throw new IllegalArgumentException("Broker virtual host must not be empty");
        }
    }

    /**
     * Parses {@code amqp://user:pass@host:port/vhost} following the RabbitMQ URI rules: the vhost is
     * percent-encoded, a missing path or {@code %2f} means "/", missing credentials mean guest/guest
     * and a missing port means 5672.
     */
    public static BrokerEndpoint parse(String url, boolean quorumQueues) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not an AMQP URL: " + redact(url), e);
        }
        if (!"amqp".equalsIgnoreCase(uri.getScheme())) {
            // amqps would need TLS settings this endpoint does not carry, so refuse instead of ignoring.
            throw new IllegalArgumentException("Broker URL must start with amqp:// but was: " + redact(url));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Broker URL has no host: " + redact(url));
        }
        String user = DEFAULT_CREDENTIAL;
        String pass = DEFAULT_CREDENTIAL;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = UrlCodec.decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            pass = colon < 0 ? "" : UrlCodec.decode(userInfo.substring(colon + 1));
        }
        String rawPath = uri.getRawPath();
        String virtualHost = DEFAULT_VIRTUAL_HOST;
        if (rawPath != null && rawPath.length() > 1) {
            String encoded = rawPath.substring(1);
            if (encoded.contains("/")) {
                throw new IllegalArgumentException(
                        "Broker URL vhost must be one percent-encoded segment (use %2f for /): " + redact(url));
            }
            virtualHost = UrlCodec.decode(encoded);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new BrokerEndpoint(uri.getHost(), port, user, pass, virtualHost, quorumQueues);
    }

    /** Returns the {@code amqp://user:pass@host:port/vhost} form, with "/" written as {@code %2f}. */
    public String url() {
        return "amqp://" + UrlCodec.encode(username) + ":" + UrlCodec.encode(password) + "@" + host
                + ":" + port + "/" + UrlCodec.encode(virtualHost);
    }

    /**
     * Deletes the named queues, ignoring absent ones. A durable queue outlives the apps on a
     * shared broker and keeps collecting messages that a later run would take for its own.
     */
    public void deleteQueuesIfPresent(String... queues) {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        try {
            factory.setUri(url());
            try (com.rabbitmq.client.Connection connection = factory.newConnection("cellbet-queue-cleanup")) {
                for (String queue : queues) {
                    deleteIfPresent(connection, queue);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot delete queues on " + this + ": " + e, e);
        }
    }

    /**
     * One queue on its own channel: RabbitMQ deletes an absent queue silently, Qpid answers 404
     * and closes the channel, which here means the work is done.
     */
    private static void deleteIfPresent(com.rabbitmq.client.Connection connection, String queue) throws Exception {
        com.rabbitmq.client.Channel channel = connection.createChannel();
        try {
            channel.queueDelete(queue);
        } catch (java.io.IOException e) {
            if (!(e.getCause() instanceof com.rabbitmq.client.ShutdownSignalException signal)
                    || !(signal.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close close)
                    || close.getReplyCode() != com.rabbitmq.client.AMQP.NOT_FOUND) {
                throw e;
            }
        } finally {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }

    /** Masks the password, because records print every component and endpoints end up in logs. */
    @Override
    public String toString() {
        return "BrokerEndpoint[" + redactedUrl() + ", quorumQueues=" + quorumQueues + "]";
    }

    /** Returns {@link #url()} with the password masked, for logs and error messages. */
    String redactedUrl() {
        return "amqp://" + UrlCodec.encode(username) + ":***@" + host + ":" + port + "/"
                + UrlCodec.encode(virtualHost);
    }

    private static String redact(String url) {
        return url.replaceAll("(//[^:/@]*:)[^@]*@", "$1***@");
    }
}
