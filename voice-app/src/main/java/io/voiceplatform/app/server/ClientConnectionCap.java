package io.voiceplatform.app.server;

import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most so many open connections per client address; one more is closed as soon as it opens. Jetty's own
 * connection limits count all clients together, so one client could take them all.
 */
final class ClientConnectionCap implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(ClientConnectionCap.class);

    private final int maxPerClient;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each connection's client, kept from its opening: a closed socket no longer says whose it was. */
    private final ConcurrentMap<Connection, InetAddress> clients = new ConcurrentHashMap<>();

    ClientConnectionCap(int maxPerClient) {
        this.maxPerClient = maxPerClient;
    }

    @Override
    public void onOpened(Connection connection) {
        if (!(connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress remote)) {
            return;
        }
        InetAddress client = remote.getAddress();
        clients.put(connection, client);
        if (open.merge(client, 1, Integer::sum) > maxPerClient) {
            log.debug("closing a connection from {}: over {} open connections", client.getHostAddress(), maxPerClient);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = clients.remove(connection);
        if (client != null) {
            open.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
        }
    }
}
